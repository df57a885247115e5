/**
 * Dispute rules
 *
 * A consumer reports a doubtful or wrong value of one data item for one entity, with evidence; the
 * item's provider answers. Reports and answers are visible to both sides and the operator. Business
 * goes on meanwhile: a dispute never withholds data.
 * Serves art. 16.
 */
import type { Consumer, ShareCatalog } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Working days a provider has to answer a dispute (art. 16 asks for a quick check; the district sets 5). */
export const DISPUTE_ANSWER_WORKING_DAYS = 5;

export function checkDisputeReport(input: { field: string; entityKey: string; description: string; evidence: string }, catalog: ShareCatalog): Verdict<{ provider: string }> {
  const share = catalog.get(input.field);
  if (!share) return deny('BAD_USER_INPUT', `Unknown data item ${input.field} (use Type.field as listed in the catalog)`);
  if (!input.entityKey.trim()) return deny('BAD_USER_INPUT', 'Name the entity (its citizen ID, credit code or other key) whose value is in doubt');
  if (!input.description.trim()) return deny('BAD_USER_INPUT', 'Describe what is doubtful or wrong');
  if (!input.evidence.trim()) return deny('BAD_USER_INPUT', 'Give the evidence (document number, certificate, finding)');
  return allow({ provider: share.provider });
}

export function checkDisputeAnswer(actor: Consumer, dispute: { provider: string; status: string }, answer: string): Verdict {
  if (!actor.roles.includes('provider-admin') || actor.dept !== dispute.provider) {
    return deny('FORBIDDEN', `Only ${dispute.provider}'s sharing administrator answers this dispute`);
  }
  if (dispute.status !== 'OPEN') return deny('CONFLICT', 'The dispute is already answered');
  if (!answer.trim()) return deny('BAD_USER_INPUT', 'An answer must say what was checked and found');
  return allow(true);
}
