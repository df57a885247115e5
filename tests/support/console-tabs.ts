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
    await choose(page, '#sign-in-dept', `（${department}）`);
    await choose(page, '#sign-in-role', role);
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

/**
 * Picks an option of an Ant Design select and waits for its list to close. On a loaded machine a click
 * can land while the list is still opening; the list then stays open over the next control, so the
 * choice is made again (at most three times) after Escape closes it.
 */
async function choose(page: Page, select: string, option: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt++) {
    await page.locator(select).click();
    await open.locator('.ant-select-item-option', { hasText: option }).click();
    try {
      await open.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
