/** Governance rows as the rules in `policies/governance/` read them, mapped in one place. */
import type { Selectable } from 'kysely';
import type { RequestState } from '../../policies/governance/request-state.ts';
import type { AccessRequestsTable } from '../store/tables.ts';

export type AccessRequestRow = Selectable<AccessRequestsTable>;

export function requestStateOf(row: AccessRequestRow): RequestState {
  return {
    requestingDept: row.requesting_dept,
    provider: row.provider,
    fields: row.fields,
    status: row.status,
    purpose: row.purpose,
    wantedUntil: row.wanted_until,
    dueDate: row.due_date,
  };
}
