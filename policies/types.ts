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
}
