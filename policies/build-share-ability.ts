/**
 * Build share ability
 *
 * What a consumer department may read and verify, for one declared purpose, as a CASL ability over
 * (`read` | `verify`, resource type, data item). A data item is readable only if:
 * - it is UNCONDITIONAL (art. 10, 11(2)): any authenticated consumer, any purpose;
 * - it is CONDITIONAL and the department holds a live grant for exactly this item and purpose (art. 13);
 * - it is NONE and the coordination office made a live EXCEPTION grant with its basis (art. 11(1), 13);
 * - or the consumer's department is the item's provider (a provider always reads its own data).
 * Anything else has no rule and is therefore denied. Only `READ` grants open an item for reading.
 *
 * An item is verifiable (claims checked against it, answered MATCH / MISMATCH / NO_RECORD, art. 13)
 * when it is UNCONDITIONAL, when the department is its provider, or under a live `VERIFY` grant (on
 * the same terms: CONDITIONAL items, NONE items only by EXCEPTION). A `READ` grant does not make an
 * item verifiable, and a `VERIFY` grant never makes it readable: a grant allows what was applied for
 * and approved, and revoking one leaves the other as it was.
 *
 * Every rule names its fields: a CASL rule without `fields` would cover every field of the type.
 * Row conditions and masks will be further rule attributes; the subject types already are resource types.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { isGrantLive } from './is-grant-live.ts';
import { GRANT_ACTIONS, type Consumer, type FieldShare, type Grant, type Purpose, type ShareCatalog } from './types.ts';

export type ShareAbility = MongoAbility<['read' | 'verify', string]>;

export interface ShareAbilityInput {
  consumer: Pick<Consumer, 'dept'>;
  /** The declared purpose; without one, no grant applies. */
  purpose: Purpose | undefined;
  catalog: ShareCatalog;
  grants: readonly Grant[];
  now: Date;
}

export interface BuiltShareAbility {
  ability: ShareAbility;
  /** The next instant at which a grant starts or ends and the ability must be rebuilt (or `undefined`). */
  validUntil: Date | undefined;
}

function grantAllows(grant: Grant, share: FieldShare): boolean {
  if (share.shareType === 'CONDITIONAL') return true;
  return share.shareType === 'NONE' && grant.kind === 'EXCEPTION';
}

export function buildShareAbility(input: ShareAbilityInput): BuiltShareAbility {
  const { consumer, purpose, catalog, now } = input;
  const grants = purpose === undefined ? [] : input.grants.filter((grant) => grant.dept === consumer.dept && grant.purpose === purpose);
  const liveGrants = new Map<string, Grant[]>();
  for (const grant of grants) {
    if (!isGrantLive(grant, now)) continue;
    const key = `${grant.action ?? 'READ'} ${grant.field}`;
    liveGrants.set(key, [...(liveGrants.get(key) ?? []), grant]);
  }

  const allowed = { READ: new Map<string, string[]>(), VERIFY: new Map<string, string[]>() };
  for (const share of catalog.values()) {
    for (const action of GRANT_ACTIONS) {
      const open =
        share.shareType === 'UNCONDITIONAL' ||
        share.provider === consumer.dept ||
        (liveGrants.get(`${action} ${share.coordinate}`) ?? []).some((grant) => grantAllows(grant, share));
      if (open) allowed[action].set(share.typeName, [...(allowed[action].get(share.typeName) ?? []), share.fieldName]);
    }
  }

  const builder = new AbilityBuilder<ShareAbility>(createMongoAbility);
  for (const [typeName, fields] of allowed.READ) builder.can('read', typeName, fields);
  for (const [typeName, fields] of allowed.VERIFY) builder.can('verify', typeName, fields);

  return { ability: builder.build(), validUntil: nextGrantBoundary(grants, now) };
}

function nextGrantBoundary(grants: readonly Grant[], now: Date): Date | undefined {
  let next: number | undefined;
  for (const grant of grants) {
    if (grant.revokedAt !== undefined) continue;
    for (const instant of [Date.parse(grant.validFrom), Date.parse(grant.validUntil)]) {
      if (instant > now.getTime() && (next === undefined || instant < next)) next = instant;
    }
  }
  return next === undefined ? undefined : new Date(next);
}
