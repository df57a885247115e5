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
 *
 * Data minimisation (art. 23) is two further attributes of the rules:
 * - a grant with a row condition reads only the subjects that meet it: its rule carries the condition
 *   (CASL conditions), checked per record with `subject(type, record)`;
 * - `readUnmasked` is granted beside `read` only where no mask applies. A mask the provider declared for
 *   the purpose applies to every consumer but the provider; otherwise a grant requiring masked delivery
 *   reads masked while another grant without a mask still reads in full. `masks` names the kind by `Type.field`.
 */
import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import { isGrantLive } from './is-grant-live.ts';
import type { Consumer, FieldShare, Grant, MaskKind, Purpose, ShareCatalog } from './types.ts';

export type ShareAction = 'read' | 'readUnmasked' | 'verify';
/** A resource type, or one record of it (`subject(type, record)`) when row conditions are checked. */
export type ShareSubject = string | (ForcedSubject<string> & Record<string, unknown>);
export type ShareAbility = MongoAbility<[ShareAction, ShareSubject]> & {
  /** The mask kind of every `Type.field` that is read masked for some or all records. */
  readonly masks: ReadonlyMap<string, MaskKind>;
};

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

  const builder = new AbilityBuilder<MongoAbility<[ShareAction, ShareSubject]>>(createMongoAbility);
  const readable = new Map<string, string[]>();
  const unmasked = new Map<string, string[]>();
  const verifiable = new Map<string, string[]>();
  const masks = new Map<string, MaskKind>();
  const add = (into: Map<string, string[]>, share: FieldShare) => into.set(share.typeName, [...(into.get(share.typeName) ?? []), share.fieldName]);
  for (const share of catalog.values()) {
    if (share.provider === consumer.dept) {
      add(readable, share);
      add(unmasked, share);
      add(verifiable, share);
      continue;
    }
    // Verification answers MATCH / MISMATCH / NO_RECORD, never a value: neither masks nor row conditions apply.
    if (share.shareType === 'UNCONDITIONAL' || (liveGrants.get(`VERIFY ${share.coordinate}`) ?? []).some((grant) => grantAllows(grant, share)))
      add(verifiable, share);
    const declared = purpose === undefined ? undefined : share.masks?.[purpose];
    if (declared) masks.set(share.coordinate, declared);
    if (share.shareType === 'UNCONDITIONAL') {
      add(readable, share);
      if (!declared) add(unmasked, share);
      continue;
    }
    const allowing = (liveGrants.get(`READ ${share.coordinate}`) ?? []).filter((grant) => grantAllows(grant, share)).sort((a, b) => a.id.localeCompare(b.id));
    for (const grant of allowing) {
      if (!declared && grant.mask && !masks.has(share.coordinate)) masks.set(share.coordinate, grant.mask);
      if (!grant.condition) {
        add(readable, share);
        if (!declared && !grant.mask) add(unmasked, share);
        continue;
      }
      builder.can('read', share.typeName, [share.fieldName], grant.condition);
      if (!declared && !grant.mask) builder.can('readUnmasked', share.typeName, [share.fieldName], grant.condition);
    }
  }
  for (const [typeName, fields] of readable) builder.can('read', typeName, fields);
  for (const [typeName, fields] of unmasked) builder.can('readUnmasked', typeName, fields);
  for (const [typeName, fields] of verifiable) builder.can('verify', typeName, fields);

  return { ability: Object.assign(builder.build(), { masks }), validUntil: nextGrantBoundary(grants, now) };
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
