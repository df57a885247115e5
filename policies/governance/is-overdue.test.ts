import { describe, expect, it } from 'vitest';
import { isOverdue } from './is-overdue.ts';

describe('art-13: overdue answers', () => {
  it('art-13: when the due date has passed and no answer came, then it is overdue; on the due date itself, not yet', () => {
    expect(isOverdue({ dueDate: '2026-06-15', awaitingAnswer: true }, '2026-06-16')).toBe(true);
    expect(isOverdue({ dueDate: '2026-06-15', awaitingAnswer: true }, '2026-06-15')).toBe(false);
  });

  it('art-16: when the answer came, then it is never overdue', () => {
    expect(isOverdue({ dueDate: '2026-06-15', awaitingAnswer: false }, '2027-01-01')).toBe(false);
  });
});
