/**
 * Governance rows as the rules in `policies/` read them, and grants as the store keeps them: each
 * mapping written once, for every reader and writer.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import { endOfChinaDate } from '../../policies/governance/china-date.ts';
import type { RequestState } from '../../policies/governance/request-state.ts';
import type { Grant, Purpose } from '../../policies/types.ts';
import type { AccessRequestsTable, GrantsTable } from '../store/tables.ts';

export type AccessRequestRow = Selectable<AccessRequestsTable>;
export type GrantRow = Selectable<GrantsTable>;

/** An access request row as the governance rules read it. */
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

/** A grant row as the share policy reads it. */
export function toPolicyGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    kind: row.kind === 'EXCEPTION' ? 'EXCEPTION' : 'REQUEST',
    dept: row.dept,
    field: row.field,
    // Written only from a request or exception whose purpose was checked on the way in.
    purpose: row.purpose as Purpose,
    validFrom: new Date(row.valid_from).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at).toISOString() } : {}),
    ...(row.basis ? { basis: row.basis } : {}),
  };
}

/** Who made a grant, and on which request. */
export interface GrantProvenance {
  requestId: string | null;
  grantedBy: string;
  grantedAt: Date | string;
}

/** A grant as the store keeps it. */
export function toGrantRow(grant: Grant, provenance: GrantProvenance): Insertable<GrantsTable> {
  return {
    id: grant.id,
    kind: grant.kind,
    dept: grant.dept,
    field: grant.field,
    purpose: grant.purpose,
    valid_from: grant.validFrom,
    valid_until: grant.validUntil,
    request_id: provenance.requestId,
    basis: grant.basis ?? null,
    granted_by: provenance.grantedBy,
    granted_at: provenance.grantedAt,
  };
}

/** New grants, one per item, live from `grantedAt` to the end of the China day `validUntil` (YYYY-MM-DD). */
export function newGrantRows(
  grant: Pick<Grant, 'kind' | 'dept' | 'purpose' | 'basis'> & { fields: readonly string[]; validUntil: string },
  provenance: GrantProvenance & { grantedAt: Date },
): Array<Insertable<GrantsTable>> {
  const validFrom = provenance.grantedAt.toISOString();
  const validUntil = endOfChinaDate(grant.validUntil).toISOString();
  return [...new Set(grant.fields)].map((field) =>
    toGrantRow({ id: randomUUID(), kind: grant.kind, dept: grant.dept, field, purpose: grant.purpose, validFrom, validUntil, ...(grant.basis ? { basis: grant.basis } : {}) }, provenance),
  );
}
