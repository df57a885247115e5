/**
 * Grants as the store of record keeps them (art. 13): the row ↔ grant mapping in both directions,
 * and the reads the gateway's grant source makes. Governance writes grants; every gateway reads them.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Grant, Purpose } from '../../policies/types.ts';
import type { Database, GrantsTable } from './tables.ts';

export type GrantRow = Selectable<GrantsTable>;

/** A grant row as the share policy reads it. */
export function toPolicyGrant(row: GrantRow): Grant {
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
    action: grant.action ?? 'READ',
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

/** Grants that are or will be live (not revoked, not yet expired): what abilities are built from. */
export async function loadCurrentGrants(db: Kysely<Database>, now: Date): Promise<Grant[]> {
  const rows = await db.selectFrom('grants').selectAll().where('revoked_at', 'is', null).where('valid_until', '>', now).execute();
  return rows.map(toPolicyGrant);
}

export async function readGrantsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('platform_state').select('value').where('key', '=', 'grants_version').executeTakeFirstOrThrow();
  return String(row.value);
}
