/**
 * Check dispute report
 *
 * A dispute is only reported for a known data item and a named entity, with a description of what
 * is doubtful and the evidence for it; it goes to the item's provider, whose answer is due in
 * the regulation profile's working days (5 in both shipped profiles). Business goes on meanwhile: a dispute never withholds data.
 * Serves art. 16: doubtful or wrong data is reported to its provider, who checks it quickly.
 */
import type { ShareCatalog } from '../types.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface DisputeReport {
  field: string;
  entityKey: string;
  description: string;
  evidence: string;
}

/**
 * The provider that answers, and the day its answer is due.
 * @param answerWorkingDays the profile's working days for a dispute's answer (art. 16 asks for a quick check).
 */
export function checkDisputeReport(
  input: DisputeReport,
  catalog: ShareCatalog,
  today: string,
  calendar: WorkingCalendar,
  answerWorkingDays: number,
): Verdict<{ provider: string; dueDate: string }> {
  const share = catalog.get(input.field);
  if (!share) return deny('BAD_USER_INPUT', `Unknown data item ${input.field} (use Type.field as listed in the catalog)`);
  if (!input.entityKey.trim()) return deny('BAD_USER_INPUT', 'Name the entity (its citizen ID, credit code or other key) whose value is in doubt');
  if (!input.description.trim()) return deny('BAD_USER_INPUT', 'Describe what is doubtful or wrong');
  if (!input.evidence.trim()) return deny('BAD_USER_INPUT', 'Give the evidence (document number, certificate, finding)');
  return allow({ provider: share.provider, dueDate: addWorkingDays(today, answerWorkingDays, calendar) });
}
