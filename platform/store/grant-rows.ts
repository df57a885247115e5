/**
 * Grants as the store of record keeps them (art. 13): the row ↔ grant mapping in both directions,
 * and the reads the gateway's grant source makes. Governance writes grants; every gateway reads them.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { isMaskKind, type Grant, type Purpose, type RowCondition } from '../../policies/types.ts';
import type { Database, GrantsTable } from './tables.ts';

export type GrantRow = Selectable<GrantsTable>;

/** A stored row condition, or `undefined` when it is not one this platform writes (never a wider grant). */
function readRowCondition(json: string): RowCondition | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) return undefined;
    const entries = Object.entries(parsed);
    const wellFormed = entries.every(
      ([, test]) =>
        typeof test === 'object' &&
        test !== null &&
        Object.keys(test).join() === '$in' &&
        Array.isArray(test.$in) &&
        test.$in.every((v: unknown) => typeof v === 'string'),
    );
    return wellFormed ? (parsed as RowCondition) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A grant row as the share policy reads it. A narrowing the row holds but this code cannot read (a
 * mask kind or condition it does not know) makes the grant count as revoked from its start: a grant is
 * never read wider than it was made.
 */
export function toPolicyGrant(row: GrantRow): Grant {
  const condition = row.row_condition === null || row.row_condition === undefined ? undefined : readRowCondition(row.row_condition);
  const unreadable = (row.mask != null && !isMaskKind(row.mask)) || (row.row_condition != null && condition === undefined);
  const revokedAt = row.revoked_at ?? (unreadable ? row.valid_from : null);
  return {
    id: row.id,
    kind: row.kind === 'EXCEPTION' ? 'EXCEPTION' : 'REQUEST',
    // Anything but VERIFY reads as READ: the column defaults to it for every grant made before it existed.
    ...(row.action === 'VERIFY' ? { action: 'VERIFY' as const } : {}),
    dept: row.dept,
    field: row.field,
    // Written only from a request or exception whose purpose was checked on the way in.
    purpose: row.purpose as Purpose,
    validFrom: new Date(row.valid_from).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    ...(revokedAt ? { revokedAt: new Date(revokedAt).toISOString() } : {}),
    ...(row.basis ? { basis: row.basis } : {}),
    ...(row.mask && isMaskKind(row.mask) ? { mask: row.mask } : {}),
    ...(condition ? { condition } : {}),
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
    action: grant.action ?? 'READ',
    dept: grant.dept,
    field: grant.field,
    purpose: grant.purpose,
    valid_from: grant.validFrom,
    valid_until: grant.validUntil,
    request_id: provenance.requestId,
    basis: grant.basis ?? null,
    mask: grant.mask ?? null,
    row_condition: grant.condition ? JSON.stringify(grant.condition) : null,
    granted_by: provenance.grantedBy,
    granted_at: provenance.grantedAt,
  };
}

/** Grants that are or will be live (not revoked, not yet expired): what abilities are built from. */
export async function loadCurrentGrants(db: Kysely<Database>, now: Date): Promise<Grant[]> {
  const rows = await db.selectFrom('grants').selectAll().where('revoked_at', 'is', null).where('valid_until', '>', now).execute();
  return rows.map(toPolicyGrant);
}

export async function readGrantsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('platform_state').select('value').where('key', '=', 'grants_version').executeTakeFirstOrThrow();
  return String(row.value);
}
