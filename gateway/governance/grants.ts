/**
 * Grants (art. 13): live permissions of a department for a data item and purpose, until they expire
 * by themselves, are revoked with a reason, or (for NONE items) as exceptions the coordination office
 * grants with their legal basis. The gateway's abilities are built from these rows.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ValidityWindow } from '../../policies/governance/check-valid-until.ts';
import { chinaDate, endOfChinaDate } from '../../policies/governance/china-date.ts';
import { checkException } from '../../policies/governance/check-exception.ts';
import { checkRevocation } from '../../policies/governance/check-revocation.ts';
import type { Grant, Purpose } from '../../policies/types.ts';
import type { Database, GrantsTable } from '../store/tables.ts';
import { requestStateOf } from './governance-rows.ts';
import { assertVerdict, bumpGrantsVersion, notFound, recordEvent, type Actor, type GovernanceDeps } from './governance-deps.ts';

export type GrantRow = Selectable<GrantsTable>;

/** Today in China and the configured longest validity: what every new grant's expiry is held to. */
export function validityWindow(deps: GovernanceDeps): ValidityWindow {
  return { today: chinaDate(deps.now()), maxDays: deps.grantMaxValidityDays };
}

/** A grant row as the share policy reads it. */
export function toPolicyGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    kind: row.kind === 'EXCEPTION' ? 'EXCEPTION' : 'REQUEST',
    dept: row.dept,
    field: row.field,
    purpose: row.purpose as Purpose,
    validFrom: new Date(row.valid_from).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at).toISOString() } : {}),
    ...(row.basis ? { basis: row.basis } : {}),
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

export async function revokeGrant(deps: GovernanceDeps, actor: Actor, id: string, reason: string): Promise<GrantRow> {
  const now = deps.now();
  const revoked = await deps.db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom('grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!grant) throw notFound('grant', id);
    assertVerdict(checkRevocation(actor, { field: grant.field, kind: grant.kind, revoked: grant.revoked_at !== null }, deps.catalog(), reason));
    const updated = await trx
      .updateTable('grants')
      .set({ revoked_at: now, revoked_by: actor.app, revoke_reason: reason.trim() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpGrantsVersion(trx);
    await recordEvent(trx, { actor, subjectKind: 'grant', subjectId: id, action: 'revoked', reason });
    return updated;
  });
  await deps.grantsChanged();
  return revoked;
}

export interface ExceptionInput {
  department: string;
  fields: string[];
  purpose: Purpose;
  validUntil: string;
  basis: string;
  reason: string;
  requestId?: string | null | undefined;
}

export async function grantException(deps: GovernanceDeps, actor: Actor, input: ExceptionInput): Promise<GrantRow[]> {
  const now = deps.now();
  const checked = { dept: input.department, fields: input.fields, purpose: input.purpose, basis: input.basis, reason: input.reason, validUntil: input.validUntil };
  const context = { catalog: deps.catalog(), window: validityWindow(deps), departments: deps.departments };
  // Refused before the store is asked when the input alone settles it (not the operator, bad input).
  assertVerdict(checkException(actor, checked, undefined, context));
  const grants = await deps.db.transaction().execute(async (trx) => {
    if (input.requestId) {
      const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', input.requestId).forUpdate().executeTakeFirst();
      if (!request) throw notFound('access request', input.requestId);
      assertVerdict(checkException(actor, checked, requestStateOf(request), context));
      await trx.updateTable('access_requests').set({ status: 'EXCEPTION_GRANTED', decided_at: now, decided_by: actor.app, decision_reason: input.reason.trim() }).where('id', '=', request.id).execute();
      await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: request.id, action: 'exception-granted', reason: input.reason });
    }
    const rows = await trx
      .insertInto('grants')
      .values([...new Set(input.fields)].map((field) => ({
        id: randomUUID(),
        kind: 'EXCEPTION',
        dept: input.department,
        field,
        purpose: input.purpose,
        valid_from: now,
        valid_until: endOfChinaDate(input.validUntil),
        request_id: input.requestId ?? null,
        basis: input.basis.trim(),
        granted_by: actor.app,
        granted_at: now,
      })))
      .returningAll()
      .execute();
    await bumpGrantsVersion(trx);
    for (const row of rows) await recordEvent(trx, { actor, subjectKind: 'grant', subjectId: row.id, action: 'exception-granted', reason: input.reason, details: { basis: input.basis, field: row.field } });
    return rows;
  });
  await deps.grantsChanged();
  return grants;
}

/** The grants of the actor's department (live ones, or all when asked), newest first. */
export async function listGrants(deps: GovernanceDeps, actor: Actor, options: { includeInactive: boolean; dept?: string }): Promise<GrantRow[]> {
  let query = deps.db.selectFrom('grants').selectAll().where('dept', '=', options.dept ?? actor.dept).orderBy('granted_at', 'desc');
  if (!options.includeInactive) query = query.where('revoked_at', 'is', null).where('valid_until', '>', deps.now());
  return query.limit(500).execute();
}
