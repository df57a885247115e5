/**
 * Every visible control of a console page has an accessible name: in the DOM (aria-label,
 * aria-labelledby, a label, a button's text or labelled icon) and in Chromium's accessibility tree.
 * The explorer's editor (Monaco, inside .graphiql-container) is GraphiQL's own and is left out.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Run in the page, so written as page script (the tests compile without DOM types). */
const UNLABELLED_CONTROLS = `[...document.querySelectorAll('input, textarea, select, button, [role="combobox"]')]
  .filter((control) => control.offsetParent !== null && control.getAttribute('type') !== 'hidden' && !control.closest('.graphiql-container'))
  .filter((control) => {
    const labelled = control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.closest('label');
    const forLabel = control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    const named = control.tagName === 'BUTTON' && (control.textContent.trim() || control.querySelector('[aria-label]'));
    return !(labelled || forLabel || named);
  })
  .map((control) => control.outerHTML.slice(0, 160))`;

export async function expectAllNamed(page: Page): Promise<void> {
  expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  const snapshot = await page.locator('#root').ariaSnapshot();
  const unnamed = snapshot
    .split('\n')
    .filter((line) => /^\s*- (button|textbox|combobox|checkbox|radio|searchbox|spinbutton|switch|slider|link)\s*(\[[^\]]*\])?\s*:?\s*$/.test(line));
  expect(unnamed).toEqual([]);
}
