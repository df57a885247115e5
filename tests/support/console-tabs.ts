/**
 * The browser tests' console tabs: each opened in its own browser context (its own sign-in), signed in
 * through the demo sign-in as a person would, every request made outside the gateway recorded.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface ConsoleTabs {
  /** Opens the console's sign-in page in a new context. */
  open(): Promise<Page>;
  /** A new tab signed in as `department` (its code) in `role` (the role's zh-CN name, or the start of it). */
  signIn(department: string, role: string): Promise<Page>;
  /** Every request a tab made to anything but the gateway (and inline data): a test expects it empty. */
  readonly external: string[];
  /** Closes every context opened. */
  close(): Promise<void>;
}

export interface ConsoleTabsOptions {
  /** How long an action waits for the page; default 90 s (the shared machine can be slow, a person would wait). */
  timeout?: number;
}

/** Tabs of the console served at `origin` (the gateway's, without /graphql). */
export function createConsoleTabs(browser: Browser, origin: string, { timeout = 90_000 }: ConsoleTabsOptions = {}): ConsoleTabs {
  const contexts: BrowserContext[] = [];
  const external: string[] = [];

  const open = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
    contexts.push(context);
    context.setDefaultTimeout(timeout);
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
    });
    await page.goto(`${origin}/`);
    await page.getByText('演示登录', { exact: true }).waitFor();
    return page;
  };

  const signIn = async (department: string, role: string): Promise<Page> => {
    const page = await open();
    await page.locator('#sign-in-dept').click();
    await page.locator('.ant-select-item-option', { hasText: `（${department}）` }).click();
    await page.locator('#sign-in-role').click();
    await page.locator('.ant-select-item-option', { hasText: role }).click();
    await page.getByRole('button', { name: '登录（演示）' }).click();
    await page.getByTestId('whoami').waitFor();
    return page;
  };

  return {
    open,
    signIn,
    external,
    close: async () => {
      await Promise.all(contexts.map((context) => context.close()));
    },
  };
}
