/**
 * The vocabulary of share policy: share types, purposes, data items, consumers, grants. Plain data
 * and its guards; it imports nothing, so the schema, the gateway and the subgraphs all read it from
 * here and it never reads back from them.
 */

/** Share types of art. 10: shared with every department, on condition, or not shared. */
export const SHARE_TYPES = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** Purposes of use named in art. 13 of the regulation. */
export const PURPOSES = ['ADMINISTRATIVE_BASIS', 'WORK_REFERENCE', 'DATA_VERIFICATION', 'BUSINESS_COLLABORATION'] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

export function isShareType(value: unknown): value is ShareType {
  return typeof value === 'string' && (SHARE_TYPES as readonly string[]).includes(value);
}

/**
 * Mask kinds (数据脱敏): how a value is reduced before it leaves the gateway. A provider declares them
 * per item and purpose (`@share(mask: { WORK_REFERENCE: ADDRESS_TO_SUBDISTRICT })`); an approval may
 * require one (`Grant.mask`). The functions live in `policies/masks/`.
 */
export const MASK_KINDS = [
  'CITIZEN_ID_PARTIAL',
  'PHONE_PARTIAL',
  'NAME_PARTIAL',
  'DATE_TO_YEAR',
  'DATE_TO_MONTH',
  'AMOUNT_BAND',
  'ADDRESS_TO_SUBDISTRICT',
] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export function isMaskKind(value: unknown): value is MaskKind {
  return typeof value === 'string' && (MASK_KINDS as readonly string[]).includes(value);
}

/**
 * A row condition on the subject (a CASL condition): every named attribute of the resource must hold
 * one of the listed values, e.g. `{ householdSubdistrict: { $in: ['大街街道'] } }`. Only `$in` is used:
 * CASL's `$ne` and `$nin` match a missing attribute, which would open rows the gateway could not read.
 */
export type RowCondition = Readonly<Record<string, { readonly $in: readonly string[] }>>;

/** The platform operator (区信息中心): runs the platform and its governance API. */
export const PLATFORM_OPERATOR = 'info-center';

export const ROLES = ['consumer', 'provider-admin', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Share metadata of one data item (a field of a resource type), as composed into the supergraph. */
export interface FieldShare {
  /** `Type.field` */
  coordinate: string;
  typeName: string;
  fieldName: string;
  shareType: ShareType;
  /** The department that owns the item (one number, one source: art. 5(3)). */
  provider: string;
  /** Legal basis of a `NONE` item (art. 11(1)). */
  basis?: string;
  /** Share condition in words (共享条件). */
  condition?: string;
  /** False when the supergraph had no `@share` for it and a setting allowed treating it as unconditional. */
  declared: boolean;
  /** The resource's classification (`BASE`, `THEMATIC`, `DEPARTMENTAL`) where its type declares one. */
  resourceClass?: string;
  /** The field's description in the schema: the catalog's abstract. */
  description?: string;
  /** Masks the provider declared, by purpose: every consumer but the provider receives the masked value. */
  masks?: Readonly<Partial<Record<Purpose, MaskKind>>>;
  /** The field's named GraphQL type (lists and non-null unwrapped), e.g. `String`, `Float`, `Resident`. */
  valueType?: string;
  /** The declared update cycle (art. 14): the field's own, else its type's; checked by the publish checks. */
  updateCycle?: string;
}

/** Share metadata for every data item of the supergraph, by `Type.field`. */
export type ShareCatalog = ReadonlyMap<string, FieldShare>;

/** The authenticated caller: an application acting for a department. */
export interface Consumer {
  app: string;
  dept: string;
  roles: readonly Role[];
}

/**
 * What a grant lets its department do with the item: `READ` receive its values; `VERIFY` only check
 * claimed values against them (核验, art. 13: verification instead of resubmission) and learn
 * MATCH, MISMATCH or NO_RECORD, never the value. Neither implies the other.
 */
export const GRANT_ACTIONS = ['READ', 'VERIFY'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

/**
 * Permission for one department to read (or verify) one data item for one purpose, until `validUntil`.
 * `kind` is where the grant came from: `REQUEST` grants from an approved access request (CONDITIONAL
 * items only); `EXCEPTION` grants made by the coordination office with a legal basis, which may cover
 * NONE items (art. 13). `action` is what it allows, whatever its kind.
 */
export interface Grant {
  id: string;
  kind: 'REQUEST' | 'EXCEPTION';
  /** Absent: `READ`. */
  action?: GrantAction;
  dept: string;
  /** `Type.field` */
  field: string;
  purpose: Purpose;
  /** ISO 8601 instants. */
  validFrom: string;
  validUntil: string;
  revokedAt?: string;
  basis?: string;
  /** The approval requires masked delivery of this kind (a mask the provider declared for the purpose comes first). */
  mask?: MaskKind;
  /** The grant covers only the subjects (rows) that meet this condition. */
  condition?: RowCondition;
}
