/**
 * Check policy simulation
 *
 * A policy dry run is only run for the platform operator (platform-admin: any change) or a provider's
 * sharing administrator (provider-admin: changes to its own department's items and the grants of
 * those items only), over 1 to `MAX_SIMULATION_DAYS` days, for exactly one well-formed change: a grant
 * (registered department, known items, narrowing checked as an approval's is, `EXCEPTION` only by the
 * operator), a revocation (only of a grant the actor could revoke, as `checkRevocation` decides), a
 * share type or a mask (a known item; the mask fits its type). Consumers are refused.
 * A grant the actor may not see is not found, never forbidden (grant-scope.ts).
 * Serves 周政发〔2018〕6号 art. 4, 13 and 17: the operator and the providers weigh a change before making it.
 */
import { maskFits, MASKS } from '../masks/apply-mask.ts';
import {
  isMaskKind,
  isPurpose,
  isShareType,
  type Consumer,
  type GrantAction,
  type MaskKind,
  type Purpose,
  type ShareCatalog,
  type ShareType,
} from '../types.ts';
import { canSee } from './can-see.ts';
import { checkNarrowing, type RowConditionInput } from './check-narrowing.ts';
import { checkRevocation } from './check-revocation.ts';
import { grantSides } from './grant-scope.ts';
import { listSome } from './list-some.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** The longest period replayed: a year, leap day included. */
export const MAX_SIMULATION_DAYS = 366;

export interface PolicyChangeInput {
  grant?: {
    department: string;
    items: readonly string[];
    purpose: string;
    action?: string | null;
    exception?: boolean | null;
    mask?: string | null;
    condition?: readonly RowConditionInput[] | null;
  } | null;
  revoke?: { grantId: string } | null;
  shareType?: { item: string; shareType: string } | null;
  mask?: { item: string; purpose: string; mask?: string | null } | null;
}

/** A change, checked: what `applyPolicyChange` applies. */
export type PolicyChange =
  | {
      kind: 'GRANT';
      department: string;
      items: string[];
      purpose: Purpose;
      action: GrantAction;
      exception: boolean;
      mask?: MaskKind;
      condition?: Readonly<Record<string, { readonly $in: readonly string[] }>>;
    }
  | { kind: 'REVOKE'; grantId: string }
  | { kind: 'SHARE_TYPE'; item: string; shareType: ShareType }
  | { kind: 'MASK'; item: string; purpose: Purpose; mask: MaskKind | undefined };

export interface SimulationContext {
  catalog: ShareCatalog;
  departments: readonly string[];
  /** The grant a revocation names, as the store holds it; undefined when there is none. */
  grant?: { id: string; dept: string; field: string; kind: string; revoked: boolean } | undefined;
}

export function checkPolicySimulation(actor: Consumer, input: { change: PolicyChangeInput; days: number }, context: SimulationContext): Verdict<PolicyChange> {
  const operator = actor.roles.includes('platform-admin');
  if (!operator && !actor.roles.includes('provider-admin')) {
    return deny('FORBIDDEN', "Only the platform operator or a provider's sharing administrator runs a policy dry run");
  }
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SIMULATION_DAYS) {
    return deny('BAD_USER_INPUT', `days must be a whole number from 1 to ${MAX_SIMULATION_DAYS}`);
  }
  const given = (['grant', 'revoke', 'shareType', 'mask'] as const).filter((kind) => input.change[kind] != null);
  if (given.length !== 1) return deny('BAD_USER_INPUT', 'change names exactly one of grant, revoke, shareType or mask');
  const { catalog } = context;
  /** Unknown items first (the catalog is public), then whose they are; a refusal names the first few. */
  const ownItems = (items: readonly string[]): Verdict => {
    const unknown = items.filter((item) => !catalog.has(item));
    if (unknown.length > 0) return deny('BAD_USER_INPUT', `Not a data item of the catalog: ${listSome(unknown)}`);
    const others = items.filter((item) => catalog.get(item)!.provider !== actor.dept);
    if (!operator && others.length > 0) return deny('FORBIDDEN', `A provider simulates changes to its own department's items only, not ${listSome(others)}`);
    return allow(true);
  };

  const { grant, revoke, shareType, mask } = input.change;
  if (grant) {
    if (!context.departments.includes(grant.department)) return deny('BAD_USER_INPUT', `Unknown department ${grant.department}`);
    const items = [...new Set(grant.items)];
    if (items.length === 0) return deny('BAD_USER_INPUT', 'A grant names at least one item');
    const owned = ownItems(items);
    if (!owned.ok) return owned;
    if (!isPurpose(grant.purpose)) return deny('BAD_USER_INPUT', 'purpose is not a purpose of use');
    const action = grant.action ?? 'READ';
    if (action !== 'READ' && action !== 'VERIFY') return deny('BAD_USER_INPUT', 'action is READ or VERIFY');
    if (grant.exception && !operator) return deny('FORBIDDEN', 'Exceptional grants are the coordination office’s (platform-admin)');
    const narrowing = checkNarrowing(items, { mask: grant.mask ?? undefined, condition: grant.condition ?? undefined }, catalog);
    if (!narrowing.ok) return narrowing;
    return allow({
      kind: 'GRANT',
      department: grant.department,
      items,
      purpose: grant.purpose,
      action,
      exception: grant.exception === true,
      ...narrowing.value,
    });
  }
  if (revoke) {
    const found = context.grant;
    if (!found || found.id !== revoke.grantId || !canSee(actor, grantSides(found, catalog))) {
      return deny('NOT_FOUND', `No grant with id ${revoke.grantId} is visible to your department`);
    }
    const revocable = checkRevocation(actor, { field: found.field, kind: found.kind, revoked: found.revoked }, catalog, 'policy dry run');
    return revocable.ok ? allow({ kind: 'REVOKE', grantId: found.id }) : revocable;
  }
  if (shareType) {
    const owned = ownItems([shareType.item]);
    if (!owned.ok) return owned;
    if (!isShareType(shareType.shareType)) return deny('BAD_USER_INPUT', 'shareType is not a share type');
    return allow({ kind: 'SHARE_TYPE', item: shareType.item, shareType: shareType.shareType });
  }
  const change = mask!;
  const owned = ownItems([change.item]);
  if (!owned.ok) return owned;
  if (!isPurpose(change.purpose)) return deny('BAD_USER_INPUT', 'purpose is not a purpose of use');
  if (change.mask != null) {
    if (!isMaskKind(change.mask)) return deny('BAD_USER_INPUT', 'mask is not a mask kind');
    if (!maskFits(change.mask, catalog.get(change.item)!.valueType)) {
      return deny('BAD_USER_INPUT', `mask ${change.mask} fits ${MASKS[change.mask].fits.join(', ')} items only, not ${change.item}`);
    }
  }
  return allow({ kind: 'MASK', item: change.item, purpose: change.purpose, mask: change.mask ?? undefined });
}
