import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Button } from 'antd';
import CursorPager, { useCursorPages } from './CursorPager.tsx';

afterEach(cleanup);

/** A list of three pages the API would answer: the cursor of each next page, by the `after` asked. */
const NEXT: Record<string, string | null> = { first: 'c1', c1: 'c2', c2: null };

function List() {
  const pages = useCursorPages();
  return (
    <>
      <output data-testid="after">{pages.after ?? 'first'}</output>
      <CursorPager pages={pages} nextCursor={NEXT[pages.after ?? 'first']}>
        <Button onClick={pages.first}>Filter</Button>
      </CursorPager>
    </>
  );
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const after = () => screen.getByTestId('after').textContent;

describe('CursorPager', () => {
  it('when a person pages forward to the end and back, then each page asks after the cursor the one before answered', () => {
    render(<List />);
    expect(button('上一页').disabled).toBe(true);
    fireEvent.click(button('下一页'));
    expect(after()).toBe('c1');
    fireEvent.click(button('下一页'));
    expect(after()).toBe('c2');
    expect(button('下一页').disabled).toBe(true);
    fireEvent.click(button('上一页'));
    expect(after()).toBe('c1');
    expect(button('上一页').disabled).toBe(false);
  });

  it('when the list changes (a filter), then paging starts again from the first page', () => {
    render(<List />);
    fireEvent.click(button('下一页'));
    fireEvent.click(button('下一页'));
    fireEvent.click(button('Filter'));
    expect(after()).toBe('first');
    expect(button('上一页').disabled).toBe(true);
  });
});
