/**
 * Is overdue
 *
 * A request or dispute is overdue only while it still awaits its answer and its due date (the last
 * working day the answer is due, China time) has passed; an answered one is never overdue. An
 * overdue access request may be escalated to the coordination office.
 * Serves art. 13 (10 working days to answer a request) and art. 16 (a quick check of a dispute).
 */

export function isOverdue(item: { dueDate: string; awaitingAnswer: boolean }, today: string): boolean {
  return item.awaitingAnswer && today > item.dueDate;
}
