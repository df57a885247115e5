/** 上一页 / 下一页 over a list the API pages by cursor (`first`, `after`, `nextCursor`). */
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useT } from '../i18n.tsx';

/** The cursors walked so far: the last one is the page shown, and 上一页 goes back to the one before. */
export interface CursorPages {
  /** The `after` argument of the page shown (null for the first page). */
  after: string | null;
  hasPrevious: boolean;
  previous: () => void;
  next: (cursor: string) => void;
  /** Back to the first page, as after a filter or the list itself changed. */
  first: () => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    hasPrevious: cursors.length > 1,
    // From the cursors as they are when React applies the step, so two clicks before a render both count.
    previous: () => setCursors((walked) => (walked.length > 1 ? walked.slice(0, -1) : walked)),
    next: (cursor) => setCursors((walked) => [...walked, cursor]),
    first: () => setCursors([null]),
  };
}

export interface CursorPagerProps {
  pages: CursorPages;
  /** The page shown's `nextCursor`; none (or still loading) disables 下一页. */
  nextCursor: string | null | undefined;
  style?: CSSProperties;
  /** More buttons after the two (a list's 刷新). */
  children?: ReactNode;
}

export default function CursorPager({ pages, nextCursor, style, children }: CursorPagerProps) {
  const t = useT();
  return (
    <Space style={style}>
      <Button disabled={!pages.hasPrevious} onClick={pages.previous}>
        {t('上一页', 'Previous')}
      </Button>
      <Button disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('下一页', 'Next')}
      </Button>
      {children}
    </Space>
  );
}
