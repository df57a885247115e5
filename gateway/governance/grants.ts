/**
 * Grants (art. 13): live permissions of a department for a data item and purpose, until they expire
 * by themselves, are revoked with a reason, or (for NONE items) as exceptions the coordination office
 * grants with their legal basis. The gateway's abilities are built from these rows.
 */
import type { Kysely } from 'kysely';
import type { ValidityWindow } from '../../policies/governance/check-valid-until.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { checkException } from '../../policies/governance/check-exception.ts';
import { checkRevocation } from '../../policies/governance/check-revocation.ts';
import type { Grant, Purpose } from '../../policies/types.ts';
import type { Database } from '../store/tables.ts';
import { newGrantRows, toPolicyGrant, type GrantRow } from './governance-rows.ts';
import { assertVerdict, bumpGrantsVersion, notFound, recordEvent, type Actor, type GovernanceDeps } from './governance-deps.ts';
import { transitionAccessRequest } from './transition-access-request.ts';

export type { GrantRow };

/** Today in China and the configured longest validity: what every new grant's expiry is held to. */
export function validityWindow(deps: GovernanceDeps): ValidityWindow {
  return { today: chinaDate(deps.now()), maxDays: deps.grantMaxValidityDays };
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
      await transitionAccessRequest(trx, actor, input.requestId, {
        check: (request) => checkException(actor, checked, request, context),
        change: () => ({ status: 'EXCEPTION_GRANTED', decided_at: now, decided_by: actor.app, decision_reason: input.reason.trim() }),
        event: () => ({ action: 'exception-granted', reason: input.reason }),
      });
    }
    const grant = { kind: 'EXCEPTION' as const, dept: input.department, purpose: input.purpose, fields: input.fields, validUntil: input.validUntil, basis: input.basis.trim() };
    const rows = await trx.insertInto('grants').values(newGrantRows(grant, { requestId: input.requestId ?? null, grantedBy: actor.app, grantedAt: now })).returningAll().execute();
    await bumpGrantsVersion(trx);
    for (const row of rows) await recordEvent(trx, { actor, subjectKind: 'grant', subjectId: row.id, action: 'exception-granted', reason: input.reason, details: { basis: input.basis, field: row.field } });
    return rows;
  });
  await deps.grantsChanged();
  return grants;
}

/** The grants of the actor's department (those not yet ended — live or still to start —, or all when asked), newest first. */
export async function listGrants(deps: GovernanceDeps, actor: Actor, options: { includeInactive: boolean }): Promise<GrantRow[]> {
  let query = deps.db.selectFrom('grants').selectAll().where('dept', '=', actor.dept).orderBy('granted_at', 'desc');
  if (!options.includeInactive) query = query.where('revoked_at', 'is', null).where('valid_until', '>', deps.now());
  return query.limit(500).execute();
}
