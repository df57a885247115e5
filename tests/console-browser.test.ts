/**
 * The web console in a real browser (Debian's Chromium), against the whole platform on demo keys:
 * a consumer applies from the explorer's explanation of a withheld item, the provider's sharing
 * administrator approves, the consumer's explorer shows the value, the provider revokes, the value is
 * null again (周政发〔2018〕6号 art. 13). Each page is saved as a zh-CN screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let browser: Browser;
let origin: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ memoryGrants: false });
  origin = platform.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await platform?.close();
});

async function signIn(department: string, role: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByText('演示登录', { exact: true }).waitFor();
  await page.locator('#sign-in-dept').click();
  await page.locator('.ant-select-item-option', { hasText: `（${department}）` }).click();
  await page.locator('#sign-in-role').click();
  await page.locator('.ant-select-item-option', { hasText: role }).click();
  await page.getByRole('button', { name: '登录（演示）' }).click();
  await page.getByTestId('whoami').waitFor();
  return page;
}

/**
 * Visible form controls without an accessible name (aria-label, aria-labelledby, a label, or a button's
 * text or labelled icon). Run in the page, so written as page script (the tests compile without DOM types).
 */
const UNLABELLED_CONTROLS = `[...document.querySelectorAll('input, textarea, select, button, [role="combobox"]')]
  .filter((control) => control.offsetParent !== null && control.getAttribute('type') !== 'hidden')
  .filter((control) => {
    const labelled = control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.closest('label');
    const forLabel = control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    const named = control.tagName === 'BUTTON' && (control.textContent.trim() || control.querySelector('[aria-label]'));
    return !(labelled || forLabel || named);
  })
  .map((control) => control.outerHTML.slice(0, 160))`;

const unlabelledControls = (page: Page) => page.evaluate<string[]>(UNLABELLED_CONTROLS);

async function runExplorer(page: Page): Promise<unknown> {
  await page.goto(`${origin}/console/#/explorer`);
  await page.getByRole('button', { name: '执行查询' }).waitFor();
  const runs = Number(
    (await page
      .getByTestId('explorer-result')
      .getAttribute('data-run', { timeout: 500 })
      .catch(() => null)) ?? 0,
  );
  await page.getByRole('button', { name: '执行查询' }).click();
  const result = page.locator(`[data-testid="explorer-result"][data-run="${runs + 1}"]`);
  await result.waitFor();
  const text = await result.textContent();
  const answer = JSON.parse(text ?? 'null') as { resident: { monthlyPension: number | null } };
  return answer.resident.monthlyPension;
}

describe('the web console in Chromium', () => {
  it('art-13 when a consumer applies through the console and the provider approves, then the explorer shows the value; after revocation it is null', async () => {
    const consumer = await signIn('civil-affairs', '使用部门');
    await consumer
      .getByRole('button', { name: /^申请使用 / })
      .first()
      .waitFor();
    await screenshot(consumer, 'catalog');
    expect(await unlabelledControls(consumer)).toEqual([]);

    expect(await runExplorer(consumer)).toBeNull();
    const explanation = consumer.getByTestId('forbidden-field').filter({ hasText: 'Resident.monthlyPension' });
    await expect(explanation.textContent()).resolves.toContain('无权获取该信息项');
    await screenshot(consumer, 'explorer-withheld');
    expect(await unlabelledControls(consumer)).toEqual([]);

    await explanation.getByRole('link', { name: /可申请/ }).click();
    const form = consumer.locator('form[id="access-request"]');
    await form.waitFor();
    await expect(form.getByLabel('Resident.monthlyPension')).toBeTruthy();
    await expect(consumer.getByTestId('due-date').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await form.getByLabel('办理事项').fill('最低生活保障资格审核');
    await form.getByLabel('申请理由（履职需要）').fill('核验申请人养老金领取情况');
    await screenshot(consumer, 'request-form');
    expect(await unlabelledControls(consumer)).toEqual([]);
    await form.getByRole('button', { name: '提交共享申请' }).click();
    await consumer.getByText('待答复').first().waitFor();
    await screenshot(consumer, 'my-requests');

    const provider = await signIn('human-resources', '政务信息资源管理员');
    await provider.goto(`${origin}/console/#/inbox`);
    await provider.getByRole('button', { name: '同意' }).first().waitFor();
    await screenshot(provider, 'inbox');
    await provider.getByRole('button', { name: '同意' }).first().click();
    await provider.getByLabel('答复意见').fill('同意，限于核验');
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已同意共享').waitFor();

    expect(await runExplorer(consumer)).toBe(2860.5);
    await screenshot(consumer, 'explorer-granted');

    await provider.getByRole('tab', { name: /已答复/ }).click();
    await provider.getByRole('button', { name: /撤销授权 Resident.monthlyPension/ }).click();
    await provider.getByLabel('理由（说明理由）').fill('核验事项已办结');
    await provider.getByRole('button', { name: '确定' }).click();
    await provider.getByText('已撤销授权').waitFor();

    expect(await runExplorer(consumer)).toBeNull();

    await provider.goto(`${origin}/console/#/usage`);
    await provider.locator('canvas').first().waitFor();
    await provider.getByText('civil-affairs-app').first().waitFor();
    await screenshot(provider, 'usage');

    const office = await signIn('info-center', '领导小组办公室');
    await office.goto(`${origin}/console/#/office`);
    await office.getByRole('tab', { name: /部门与政务信息资源管理员/ }).click();
    await office.getByText('human-resources-admin').waitFor();
    await screenshot(office, 'office');
  }, 110_000);
});
