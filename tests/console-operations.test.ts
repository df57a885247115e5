/**
 * The console's operational pages in a real browser (Debian's Chromium), against the whole platform on
 * demo keys: the provider's bell counts the notification of a request just filed (周政发〔2018〕6号
 * art. 13) and its inbox marks it read; the coordination office opens a department's evaluation
 * report (art. 17) with the timeliness of its data (art. 14), which prints as the report alone and
 * warns while the roll-up has not counted every day of its period, and a policy dry run of revoking a grant
 * (art. 23); a provider's sharing administrator registers a webhook and sees its secret once. One
 * platform and one browser for the file; each page is saved as a zh-CN screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { expectAllNamed } from './support/console-accessibility.ts';
import { createConsoleTabs, type ConsoleTabs } from './support/console-tabs.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let browser: Browser;
let origin: string;
let tabs: ConsoleTabs;

beforeAll(async () => {
  platform = await startTestPlatform({ memoryGrants: false });
  origin = platform.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchChromium();
  tabs = createConsoleTabs(browser, origin, { timeout: 30_000 });
  // Traffic for the dry run to replay: civil-affairs reads pensions on its seeded grant (administrative basis).
  const meansTest = platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS' });
  const { body } = await meansTest.query(`query Pension { resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
  expect(body.errors).toBeUndefined();
  // A freshness history for the report (art. 14): human-resources' monthly SocialInsurance was stale 40 days
  // without a break, then updated; closed intervals only, beside whatever the platform records from its start.
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const interval = (status: string, from: number, to: number) => ({
    provider: 'human-resources',
    resource: 'SocialInsurance',
    update_cycle: 'MONTHLY',
    status,
    reason: null,
    from_at: daysAgo(from),
    to_at: daysAgo(to),
    checked_at: daysAgo(to),
  });
  await platform.store.db
    .insertInto('resource_freshness_intervals')
    .values([interval('FRESH', 120, 75), interval('STALE', 75, 35), interval('FRESH', 35, 1 / 24)])
    .execute();
});

afterAll(async () => {
  await tabs?.close();
  await browser?.close();
  await platform?.close();
});

/** A copy of the demo traffic's first audit record, dated `days` ago on a chain of its own, written after the platform's roll-up ran. */
async function insertRecordDaysAgo(days: number): Promise<void> {
  const { id: _id, ...first } = await platform.store.db.selectFrom('audit_records').selectAll().orderBy('seq').limit(1).executeTakeFirstOrThrow();
  await platform.store.db
    .insertInto('audit_records')
    .values({
      ...first,
      chain: 'late-history',
      seq: 1,
      request_id: 'late-history-1',
      at: new Date(Date.now() - days * 86_400_000),
      roles: JSON.stringify(first.roles),
      granted: JSON.stringify(first.granted),
      denied: JSON.stringify(first.denied),
      masked: JSON.stringify(first.masked),
      served: JSON.stringify(first.served),
      verified: first.verified === null ? null : JSON.stringify(first.verified),
      subjects: first.subjects === null ? null : JSON.stringify(first.subjects),
    })
    .execute();
}

/** Opens a page listed under the menu's 共享管理. */
async function openManagement(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: '共享管理' }).hover();
  await page.getByRole('menuitem', { name }).click();
}

/** The bell once it shows `count` unread notifications. */
const bellShowing = (page: Page, count: number) => page.locator(`[data-testid="notification-bell"][data-unread="${count}"]`);

describe('the console operations pages in Chromium', () => {
  it('art-13 when a consumer files a request, then the provider’s bell counts it on the next page, and its inbox marks it read', async () => {
    const provider = await tabs.signIn('human-resources', '政务信息资源管理员');
    const bell = provider.getByTestId('notification-bell');
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-unread'));

    const consumer = platform.client({ dept: 'civil-affairs' });
    const filed = await consumer.query(
      'mutation { requestAccess(input: { fields: ["Resident.pensionStatus"], purpose: DATA_VERIFICATION, justification: "核验养老保险状态" }) { id } }',
    );
    expect(filed.body.errors).toBeUndefined();

    // The bell asks again on every change of page.
    await provider.getByRole('menuitem', { name: '待办' }).click();
    await bellShowing(provider, before + 1).waitFor();
    await bell.click();
    const row = provider.getByRole('row').filter({ hasText: '新的共享申请：区民政局' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('未读');
    await screenshot(provider, 'notifications');
    await expectAllNamed(provider);
    await row.getByRole('button', { name: /^标为已读 / }).click();
    await bellShowing(provider, before).waitFor();
    await expect(row.textContent()).resolves.toContain('已读');
    expect(tabs.external).toEqual([]);
  }, 60_000);

  it('art-17 when the coordination office opens a department’s evaluation report, then its sections show, it prints without the console around it, and over days the roll-up has not counted it says so; art-23 a dry run of a revocation lists the consumer’s loss', async () => {
    const office = await tabs.signIn('info-center', '领导小组办公室');
    await openManagement(office, '评价报告');
    await office.getByTestId('evaluation-report').waitFor();
    await office.getByLabel('部门').click();
    await office.locator('.ant-select-item-option', { hasText: '区人力资源和社会保障局' }).click();
    await office.getByRole('button', { name: '生成报告' }).click();
    const report = office.getByTestId('evaluation-report');
    await report.getByText('区人力资源和社会保障局 政务信息资源共享工作评价报告').waitFor();
    await expect(report.textContent()).resolves.toContain('四、数据使用情况');
    await expect(report.getByTestId('freshness').textContent()).resolves.toMatch(/六、数据更新及时性（第十四条）.*SocialInsurance每月/);
    await screenshot(office, 'evaluation');
    await expectAllNamed(office);
    await office.emulateMedia({ media: 'print' });
    expect(await office.locator('.console-header').isVisible()).toBe(false);
    expect(await office.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await screenshot(office, 'evaluation-print');
    await office.emulateMedia({ media: 'screen' });

    // art-17: a record from 80 days ago arrives after the roll-up ran (a spool replayed late): a report
    // over those days rolls 31 of them itself and says the rest are not counted yet.
    await insertRecordDaysAgo(80);
    const today = chinaDate(new Date());
    await office.getByLabel('起始日期').fill(addCalendarDays(today, -85));
    await office.getByRole('button', { name: '生成报告' }).click();
    const banner = report.getByTestId('roll-up-incomplete');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(/统计尚未完整：期间内尚有 4\d 天的调用记录未汇总/);
    await screenshot(office, 'evaluation-roll-up-incomplete');

    await openManagement(office, '策略预演');
    await office.getByLabel('授权', { exact: true }).click();
    await office.locator('.ant-select-item-option', { hasText: 'Resident.monthlyPension → 区民政局（作为行政依据' }).click();
    await office.getByRole('button', { name: '开始预演' }).click();
    const losses = office.getByTestId('dry-run-losses');
    await losses.getByText('means-test').waitFor();
    await expect(losses.textContent()).resolves.toMatch(/完整获取.*无权获取/);
    await screenshot(office, 'dry-run');
    await expectAllNamed(office);
    expect(tabs.external).toEqual([]);
  }, 60_000);

  it('when a provider’s sharing administrator registers a webhook, then the secret is shown once and never again', async () => {
    const provider = await tabs.signIn('market-regulation', '政务信息资源管理员');
    await openManagement(provider, 'Webhook 推送');
    await provider.getByText('尚未登记推送地址').waitFor();
    await provider.getByLabel('推送地址').fill('http://127.0.0.1:9/zhoucun/hooks');
    await provider.getByRole('button', { name: '登记' }).click();
    const secret = provider.getByTestId('webhook-secret');
    await secret.waitFor();
    const shown = (await secret.textContent()) ?? '';
    expect(shown).toMatch(/^whsec_[0-9a-f]{64}$/);
    await provider.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').waitFor({ state: 'detached' });
    await screenshot(provider, 'webhooks-secret');
    await provider.getByRole('button', { name: '我已保存' }).click();
    await provider.getByTestId('webhook-url').getByText('http://127.0.0.1:9/zhoucun/hooks').waitFor();
    await provider.reload();
    await provider.getByTestId('webhook-url').waitFor();
    expect(await provider.content()).not.toContain(shown);
    await screenshot(provider, 'webhooks');
    await expectAllNamed(provider);
    expect(tabs.external).toEqual([]);
  }, 60_000);
});
