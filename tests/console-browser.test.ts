/**
 * The web console in a real browser (Debian's Chromium), against the whole platform on demo keys
 * (周政发〔2018〕6号 art. 13): a consumer applies from the explorer's explanation of a withheld item, the
 * provider's sharing administrator approves a shorter validity than asked, the explorer shows the
 * value, the provider revokes, it is null again; a refused request escalated by the consumer and
 * granted by the coordination office as an exception opens the item; a data dispute is reported and
 * answered; the sign-in and the access request are completed from the keyboard alone; every visible
 * control has an accessible name, and nothing is fetched from outside the gateway. One browser and one
 * platform for the file; each page is saved as a zh-CN screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { expectAllNamed } from './support/console-accessibility.ts';
import { createConsoleTabs, type ConsoleTabs } from './support/console-tabs.ts';
import { verifyAndRecord } from './support/record-verification.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let browser: Browser;
let origin: string;
let tabs: ConsoleTabs;

beforeAll(async () => {
  platform = await startTestPlatform({ memoryGrants: false });
  origin = platform.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchChromium();
  tabs = createConsoleTabs(browser, origin);
});

afterAll(async () => {
  await tabs?.close();
  await browser?.close();
  await platform?.close();
});

/** One signed-in page per person, kept for the whole file (signing in and loading the console is the slow part). */
const people = new Map<string, Promise<Page>>();
const as = (department: string, role: string, tab = '') => {
  const key = `${department} ${role} ${tab}`;
  if (!people.has(key)) people.set(key, tabs.signIn(department, role));
  return people.get(key)!;
};

/** Runs the explorer's query in GraphiQL and returns the answer the gateway sent. */
async function runExplorer(page: Page): Promise<{ data: { resident: { monthlyPension: number | null } } }> {
  if (!page.url().endsWith('#/explorer')) await page.goto(`${origin}/console/#/explorer`);
  const run = page.getByRole('button', { name: /^Execute query/ });
  await run.waitFor();
  await page.locator('.graphiql-query-editor').getByText('monthlyPension').waitFor();
  const answer = page.waitForResponse((response) => response.url() === platform.gatewayUrl && !response.request().postData()?.includes('IntrospectionQuery'));
  await run.click();
  return (await (await answer).json()) as { data: { resident: { monthlyPension: number | null } } };
}

/** The consumer's monthlyPension as its explorer (a tab of its own, kept on the explorer) receives it now. */
const pension = async () => (await runExplorer(await as('civil-affairs', '使用部门', 'explorer'))).data.resident.monthlyPension;

/** Presses Tab until the focused control's accessible name matches; fails after 80 presses. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string>(
      `(() => { const e = document.activeElement; return (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || '').trim(); })()`,
    );
    if (name.test(focused)) return;
  }
  throw new Error(`no control named ${name} reached with Tab`);
}

describe('the web console in Chromium', () => {
  it('art-13 when a consumer applies through the console and the provider approves a shorter validity, then the explorer shows the value until the grant is revoked', async () => {
    const consumer = await as('civil-affairs', '使用部门');
    await consumer
      .getByRole('button', { name: /^申请使用 / })
      .first()
      .waitFor();
    await screenshot(consumer, 'catalog');
    await expectAllNamed(consumer);

    expect((await runExplorer(consumer)).data.resident.monthlyPension).toBeNull();
    const explanation = consumer.getByTestId('forbidden-field').filter({ hasText: 'Resident.monthlyPension' });
    await expect(explanation.textContent()).resolves.toContain('无权获取该信息项');
    await consumer.locator('.graphiql-response').getByText('FORBIDDEN_FIELD').first().waitFor();
    await screenshot(consumer, 'explorer');
    await expectAllNamed(consumer);

    await explanation.getByRole('link', { name: /可申请/ }).click();
    const form = consumer.locator('form[id="access-request"]');
    await form.waitFor();
    await expect(consumer.getByTestId('due-date').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await form.getByLabel('办理事项').fill('最低生活保障资格审核');
    await form.getByLabel('申请理由（履职需要）').fill('核验申请人养老金领取情况');
    await screenshot(consumer, 'request-form');
    await expectAllNamed(consumer);
    await form.getByRole('button', { name: '提交共享申请' }).click();
    await consumer.getByText('待答复').first().waitFor();
    await screenshot(consumer, 'my-requests');

    const shorter = addCalendarDays(chinaDate(new Date()), 30);
    const provider = await as('human-resources', '政务信息资源管理员');
    await provider.goto(`${origin}/console/#/inbox`);
    await provider.getByRole('button', { name: '同意' }).first().waitFor();
    await screenshot(provider, 'inbox');
    await provider.getByRole('button', { name: '同意' }).first().click();
    const grant = provider.locator('form[id="grant"]');
    await grant.getByLabel('Resident.monthlyPension').waitFor();
    await grant.getByLabel(/^使用期限/).fill(shorter);
    await grant.getByLabel('答复意见').fill('同意，限于核验，期限缩短');
    await screenshot(provider, 'inbox-approve');
    await expectAllNamed(provider);
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已同意共享').waitFor();

    expect(await pension()).toBe(2860.5);
    await consumer.goto(`${origin}/console/#/mine`);
    await consumer.reload();
    await consumer.getByRole('tab', { name: '我的授权' }).click();
    await consumer.getByRole('row').filter({ hasText: 'Resident.monthlyPension' }).getByText(shorter).waitFor();

    await provider.getByRole('tab', { name: /已答复/ }).click();
    await provider.getByRole('button', { name: /撤销授权 Resident.monthlyPension/ }).click();
    await provider.getByLabel('理由（说明理由）').fill('核验事项已办结');
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已撤销授权').waitFor();

    expect(await pension()).toBeNull();

    await provider.goto(`${origin}/console/#/usage`);
    await provider.locator('canvas').first().waitFor();
    await provider.getByText('civil-affairs-app').first().waitFor();
    await screenshot(provider, 'usage');
    expect(tabs.external).toEqual([]);
  }, 300_000);

  it('art-13 when the provider refuses, the consumer escalates, negotiation fails and the coordination office grants an exception, then the consumer receives the value; a data dispute on it is answered by the provider (art. 16)', async () => {
    const consumer = await as('civil-affairs', '使用部门');
    await consumer.goto(`${origin}/console/#/catalog?apply=Resident.monthlyPension&purpose=DATA_VERIFICATION`);
    await consumer.reload();
    const form = consumer.locator('form[id="access-request"]');
    await form.getByLabel('申请理由（履职需要）').fill('低保年审需核验养老金');
    await form.getByRole('button', { name: '提交共享申请' }).click();
    await consumer.getByText('待答复').first().waitFor();

    const provider = await as('human-resources', '政务信息资源管理员');
    await provider.goto(`${origin}/console/#/inbox`);
    await provider.getByRole('button', { name: '不予共享' }).first().click();
    await provider.getByLabel('理由（说明理由）').fill('超出履职需要');
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已答复不予共享').waitFor();

    await consumer.goto(`${origin}/console/#/mine`);
    await consumer.reload();
    await consumer.getByRole('button', { name: '提请协调' }).first().click();
    await consumer.getByLabel('协商情况及理由').fill('低保审核确需核验');
    await consumer.getByRole('button', { name: '确定' }).click();
    // zhoucun-2018 (art. 13): the two departments negotiate first; only a failed negotiation reaches the office.
    await consumer.getByText('已进入两部门协商').waitFor();
    await consumer.getByRole('button', { name: '协商未果' }).first().click();
    await consumer.getByLabel('协商经过及结果').fill('与人社局协商未达成一致');
    await consumer.getByRole('button', { name: '确定' }).click();
    await consumer.getByText('协商未果，已提请领导小组办公室协调').waitFor();

    const office = await as('info-center', '领导小组办公室');
    await office.goto(`${origin}/console/#/office`);
    await office.getByRole('button', { name: '协调授权' }).first().click();
    const grant = office.locator('form[id="grant"]');
    await grant.getByLabel('法律法规依据').fill('《社会救助暂行办法》第十一条');
    await grant.getByLabel('理由').fill('低保审核需要，协调同意');
    await screenshot(office, 'office-exception');
    await expectAllNamed(office);
    await office.getByRole('button', { name: '确定' }).click();
    await office.getByText('已协调授权').waitFor();

    expect(await pension()).toBe(2860.5);

    await consumer.goto(`${origin}/console/#/mine`);
    await consumer.reload();
    await consumer.getByRole('tab', { name: '我的授权' }).click();
    await consumer.getByRole('row').filter({ hasText: '协调授权' }).getByRole('button', { name: '数据疑义' }).click();
    await consumer.getByLabel('对象标识（身份证号或统一社会信用代码）').fill('370306198503120122');
    await consumer.getByLabel('依据材料').fill('申请人提供的养老金发放记录');
    await consumer.getByLabel('疑义说明').fill('养老金金额与发放记录不一致');
    await consumer.getByRole('button', { name: '确定' }).click();
    await consumer.getByText('数据疑义已提交').waitFor();

    await provider.goto(`${origin}/console/#/inbox`);
    await provider.reload();
    await provider.getByRole('tab', { name: /数据疑义/ }).click();
    await provider.getByRole('button', { name: '答复疑义' }).click();
    await provider.getByLabel('核实结果').click();
    await provider.locator('.ant-select-item-option', { hasText: '经核实无误' }).click();
    await provider.getByLabel('核实情况').fill('已与发放台账核对，金额无误');
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已答复数据疑义').waitFor();
    await provider.getByRole('cell', { name: /经核实无误/ }).waitFor();
    await screenshot(provider, 'inbox-disputes');

    for (const [tab, name, ready] of [
      ['提请协调的共享申请', 'office', '协调'],
      ['目录审核', 'office-catalog-review', '审核期限（15 个工作日）'],
      ['部门与政务信息资源管理员', 'office-registry', 'human-resources-admin'],
    ] as const) {
      await office.getByRole('tab', { name: tab }).click();
      await office.getByRole('tabpanel').getByText(ready).first().waitFor();
      await screenshot(office, name);
    }
    await office.getByRole('tab', { name: '审计链状态' }).click();
    await office.getByText('尚未校验：定时校验未运行').waitFor();
    // The scheduled `npm run audit:verify -- --record` runs; the page shows its stored result.
    expect((await verifyAndRecord(platform.store.db, platform.auditKeys)).ok).toBe(true);
    await office.getByRole('button', { name: '刷新' }).click();
    await office.getByTestId('audit-verdict').waitFor();
    await expect(office.getByTestId('audit-verdict').textContent()).resolves.toContain('审计链完整');
    await screenshot(office, 'office-audit');
    await expectAllNamed(office);
    expect(tabs.external).toEqual([]);
  }, 300_000);

  it('when a person uses only the keyboard, then the sign-in and the access request are completed with Tab, Enter, Space and the arrow keys of a list', async () => {
    const page = await tabs.open();
    await tabTo(page, /^登录（演示）$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('whoami').waitFor();
    await page
      .getByRole('button', { name: /^申请使用 / })
      .first()
      .waitFor();

    await tabTo(page, /^申请使用 Resident\.monthlyPension$/);
    await page.keyboard.press('Enter');
    const form = page.locator('form[id="access-request"]');
    await form.waitFor();
    await tabTo(page, /Resident\.pensionStatus/);
    await page.keyboard.press('Space');
    await tabTo(page, /^使用用途$/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, /^办理事项$/);
    await page.keyboard.type('最低生活保障资格审核');
    await tabTo(page, /^申请理由（履职需要）$/);
    await page.keyboard.type('核验申请人养老金领取情况');
    await tabTo(page, /^提交共享申请$/);
    await page.keyboard.press('Enter');
    await page.getByText('待答复').first().waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Resident.pensionStatus' }).first();
    await expect(row.textContent()).resolves.toContain('Resident.monthlyPension');
    await expectAllNamed(page);
  }, 120_000);
});
