/**
 * Grants (art. 13): live permissions of a department for a data item and purpose, until they expire
 * by themselves, are revoked with a reason, or (for NONE items) as exceptions the coordination office
 * grants with their legal basis. The gateway's abilities are built from these rows.
 */
import { sql, type Transaction } from 'kysely';
import type { ValidityWindow } from '../../policies/governance/check-valid-until.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { checkException } from '../../policies/governance/check-exception.ts';
import { checkRevocation } from '../../policies/governance/check-revocation.ts';
import { canSee } from '../../policies/governance/can-see.ts';
import { grantListingScope, grantSides } from '../../policies/governance/grant-scope.ts';
import type { GrantAction, MaskKind, Purpose, RowCondition } from '../../policies/types.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { GrantRow } from '../../platform/store/grant-rows.ts';
import type { AccessRequestRow } from './governance-rows.ts';
import { newGrantRows } from './governance-rows.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { lockGovernanceChain, recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { transitionAccessRequest } from './transition-access-request.ts';

/** Today in China and the configured longest validity: what every new grant's expiry is held to. */
export function validityWindow(services: GovernanceServices): ValidityWindow {
  return { today: chinaDate(services.now()), maxDays: services.grantMaxValidityDays };
}

export async function revokeGrant(services: GovernanceServices, actor: Actor, id: string, reason: string): Promise<GrantRow> {
  const now = services.now();
  const revoked = await services.db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom('grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    const catalog = services.catalog();
    // A grant the actor may not see answers as a missing one: FORBIDDEN would say that it exists.
    if (!grant || !canSee(actor, grantSides(grant, catalog))) throw notFound('grant', id);
    assertVerdict(checkRevocation(actor, { field: grant.field, kind: grant.kind, revoked: grant.revoked_at !== null }, catalog, reason));
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
  await services.grantsChanged();
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
  /** What the grants allow: READ (default) or VERIFY (核验). */
  action?: GrantAction | null | undefined;
}

export async function grantException(services: GovernanceServices, actor: Actor, input: ExceptionInput): Promise<GrantRow[]> {
  const now = services.now();
  const checked = {
    dept: input.department,
    fields: input.fields,
    purpose: input.purpose,
    action: input.action ?? undefined,
    basis: input.basis,
    reason: input.reason,
    validUntil: input.validUntil,
  };
  const context = { catalog: services.catalog(), window: validityWindow(services), departments: services.departments, purposes: services.profile.purposes };
  // Refused before the store is asked when the input alone settles it (not the operator, bad input).
  assertVerdict(checkException(actor, checked, undefined, context));
  const grants = await services.db.transaction().execute(async (trx) => {
    let action = input.action ?? 'READ';
    if (input.requestId) {
      ({
        checked: { action },
      } = await transitionAccessRequest(trx, actor, input.requestId, {
        check: (request) => checkException(actor, checked, request, context),
        change: () => ({ status: 'EXCEPTION_GRANTED', decided_at: now, decided_by: actor.app, decision_reason: input.reason.trim() }),
        event: () => ({ action: 'exception-granted', reason: input.reason }),
      }));
    }
    const grant = {
      kind: 'EXCEPTION' as const,
      action,
      dept: input.department,
      purpose: input.purpose,
      fields: input.fields,
      validUntil: input.validUntil,
      basis: input.basis.trim(),
    };
    const rows = await trx
      .insertInto('grants')
      .values(newGrantRows(grant, { requestId: input.requestId ?? null, grantedBy: actor.app, grantedAt: now }))
      .returningAll()
      .execute();
    await bumpGrantsVersion(trx);
    for (const row of rows)
      await recordEvent(trx, {
        actor,
        subjectKind: 'grant',
        subjectId: row.id,
        action: 'exception-granted',
        reason: input.reason,
        details: { basis: input.basis, field: row.field, action: row.action },
      });
    return rows;
  });
  await services.grantsChanged();
  return grants;
}

/**
 * The grants the actor's department holds, or every department's for the operator (the listing
 * scope), those not yet ended — live or still to start — or all when asked, newest first.
 */
export async function listGrants(services: GovernanceServices, actor: Actor, options: { includeInactive: boolean }): Promise<GrantRow[]> {
  const scope = grantListingScope(actor);
  let query = services.db.selectFrom('grants').selectAll().orderBy('granted_at', 'desc');
  if (scope.kind === 'holder') query = query.where('dept', '=', scope.dept);
  if (!options.includeInactive) query = query.where('revoked_at', 'is', null).where('valid_until', '>', services.now());
  return query.limit(500).execute();
}

/** Marks that grants changed, in the same transaction as the change (other gateway instances poll it). */
/**
 * The grants a decision on `request` makes (an approval, an agreed negotiation, the city's decision):
 * for the requesting department and purpose, with the request's action (a VERIFY request's grants only
 * verify), stored in the decision's transaction, and the grants version moved on.
 */
export async function grantRequest(
  trx: Transaction<Database>,
  request: AccessRequestRow,
  grant: { kind: 'REQUEST' | 'EXCEPTION'; fields: readonly string[]; validUntil: string; basis?: string; mask?: MaskKind; condition?: RowCondition },
  grantedBy: string,
  grantedAt: Date,
): Promise<void> {
  const action: GrantAction = request.action === 'VERIFY' ? 'VERIFY' : 'READ';
  // The request's purpose was checked when it was made (a schema enum).
  const rows = newGrantRows(
    { ...grant, action, dept: request.requesting_dept, purpose: request.purpose as Purpose },
    { requestId: request.id, grantedBy, grantedAt },
  );
  await trx.insertInto('grants').values(rows).execute();
  await bumpGrantsVersion(trx);
}

export async function bumpGrantsVersion(trx: Transaction<Database>): Promise<void> {
  await lockGovernanceChain(trx); // the event chain's lock first, as recordEvent takes it: no lock-order deadlock
  await trx
    .updateTable('platform_state')
    .set({ value: sql`value + 1` })
    .where('key', '=', 'grants_version')
    .execute();
}
