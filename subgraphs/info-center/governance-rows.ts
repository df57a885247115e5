/**
 * Governance rows as the rules in `policies/` read them, and new grants built from a decision; the
 * grant ↔ row mapping itself is the store's (`platform/store/grant-rows.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import { endOfChinaDate } from '../../policies/governance/china-date.ts';
import type { RequestState } from '../../policies/governance/request-state.ts';
import type { Grant } from '../../policies/types.ts';
import type { AccessRequestsTable, GrantsTable } from '../../platform/store/tables.ts';
import { toGrantRow, type GrantProvenance } from '../../platform/store/grant-rows.ts';

export type AccessRequestRow = Selectable<AccessRequestsTable>;

/** An access request row as the governance rules read it. */
export function requestStateOf(row: AccessRequestRow): RequestState {
  return {
    requestingDept: row.requesting_dept,
    provider: row.provider,
    fields: row.fields,
    status: row.status,
    purpose: row.purpose,
    action: row.action,
    wantedUntil: row.wanted_until,
    dueDate: row.due_date,
  };
}

/** New grants, one per item, live from `grantedAt` to the end of the China day `validUntil` (YYYY-MM-DD). */
export function newGrantRows(
  grant: Pick<Grant, 'kind' | 'action' | 'dept' | 'purpose' | 'basis' | 'mask' | 'condition'> & { fields: readonly string[]; validUntil: string },
  provenance: GrantProvenance & { grantedAt: Date },
): Array<Insertable<GrantsTable>> {
  const validFrom = provenance.grantedAt.toISOString();
  const validUntil = endOfChinaDate(grant.validUntil).toISOString();
  return [...new Set(grant.fields)].map((field) =>
    toGrantRow(
      {
        id: randomUUID(),
        kind: grant.kind,
        ...(grant.action === 'VERIFY' ? { action: 'VERIFY' as const } : {}),
        dept: grant.dept,
        field,
        purpose: grant.purpose,
        validFrom,
        validUntil,
        ...(grant.basis ? { basis: grant.basis } : {}),
        ...(grant.mask ? { mask: grant.mask } : {}),
        ...(grant.condition ? { condition: grant.condition } : {}),
      },
      provenance,
    ),
  );
}
