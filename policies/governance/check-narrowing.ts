/**
 * Check narrowing
 *
 * An approval may narrow what its grants open: masked delivery (`mask`) and a row condition
 * (`condition`, every listed attribute of the subject holding one of the listed values). Either is
 * only accepted if it fits every approved item: the mask kind fits the item's type, and each
 * condition attribute is an UNCONDITIONAL scalar item of the item's own resource type — readable by
 * every consumer anyway, so a record withheld for being outside the condition tells nothing new.
 * A condition entry of kind `OPEN_CASE` asks instead that the subject be one the requesting department
 * holds an open case for (`open-case.ts`): only where that department's own subgraph answers its open
 * cases (its `Query.<dept>OpenCases` item is in the catalog) and every approved item belongs to a
 * resource keyed by citizen ID (an UNCONDITIONAL `citizenId` item of type CitizenId) — otherwise the
 * grant could never open a record.
 * The condition is bounded: at most `MAX_CONDITION_ATTRIBUTES` entries, each attribute named once, each
 * with 1 to `MAX_CONDITION_VALUES` distinct values (the texts themselves are bounded as governance texts).
 * A VERIFY request takes no narrowing: verification answers MATCH, MISMATCH or NO_RECORD, never a value,
 * and neither masks nor row conditions apply to it.
 * Serves art. 13 (an approval may be narrower than the request) and art. 23 (personal data shared no
 * further than the purpose needs).
 */
import { MASKS, maskFits } from '../masks/apply-mask.ts';
import { OPEN_CASE_ATTRIBUTE, OPEN_CASE_CONDITION, OPEN_CASE_SUBJECT_KEY, openCasesField } from '../open-case.ts';
import { isMaskKind, type GrantAction, type MaskKind, type RowCondition, type ShareCatalog } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export const MAX_CONDITION_ATTRIBUTES = 4;
export const MAX_CONDITION_VALUES = 50;
/** Scalars a condition compares as text. */
const CONDITION_TYPES = new Set(['String', 'ID', 'Date', 'CitizenId', 'CreditCode']);

/** Kinds of row-condition entries: an attribute of the subject holds one of the values, or the consumer holds an open case for it. */
export const ROW_CONDITION_KINDS = ['ATTRIBUTE', 'OPEN_CASE'] as const;
export type RowConditionKind = (typeof ROW_CONDITION_KINDS)[number];

export interface RowConditionInput {
  /** Absent: `ATTRIBUTE`. */
  kind?: RowConditionKind | null | undefined;
  /** `ATTRIBUTE` entries only. */
  attribute?: string | null | undefined;
  anyOf?: readonly string[] | null | undefined;
}

export interface Narrowing {
  mask?: string | undefined;
  condition?: readonly RowConditionInput[] | undefined;
}

/** What the narrowed request is: what its grants will allow, and who asked (whose open cases a condition may name). */
export interface NarrowedRequest {
  action?: GrantAction | undefined;
  requestingDept?: string | undefined;
}

export function checkNarrowing(
  fields: readonly string[],
  narrowing: Narrowing,
  catalog: ShareCatalog,
  request: NarrowedRequest = {},
): Verdict<{ mask?: MaskKind; condition?: RowCondition }> {
  const items = fields.map((field) => catalog.get(field));
  if (request.action === 'VERIFY' && (narrowing.mask !== undefined || narrowing.condition !== undefined)) {
    return deny('BAD_USER_INPUT', 'A VERIFY grant answers MATCH, MISMATCH or NO_RECORD, never a value: it takes no mask and no row condition');
  }
  let mask: MaskKind | undefined;
  if (narrowing.mask !== undefined) {
    if (!isMaskKind(narrowing.mask)) return deny('BAD_USER_INPUT', 'mask is not a mask kind');
    mask = narrowing.mask;
    const unfit = fields.filter((field, index) => !maskFits(mask!, items[index]?.valueType));
    if (unfit.length > 0) return deny('BAD_USER_INPUT', `mask ${mask} fits ${MASKS[mask].fits.join(', ')} items only, not ${unfit.join(', ')}`);
  }
  if (narrowing.condition === undefined) return allow(mask ? { mask } : {});

  const entries = narrowing.condition;
  if (entries.length === 0) return deny('BAD_USER_INPUT', 'condition names no attribute: leave it out to grant every subject');
  if (entries.length > MAX_CONDITION_ATTRIBUTES) return deny('BAD_USER_INPUT', `condition names more than ${MAX_CONDITION_ATTRIBUTES} attributes`);
  const condition = new Map<string, { readonly $in: readonly string[] }>();
  for (const entry of entries) {
    if (entry.kind === 'OPEN_CASE') {
      const openCase = checkOpenCaseEntry(entry, fields, items, catalog, request.requestingDept);
      if (openCase) return openCase;
      if (condition.has(OPEN_CASE_ATTRIBUTE)) return deny('BAD_USER_INPUT', 'condition names OPEN_CASE twice');
      condition.set(OPEN_CASE_ATTRIBUTE, OPEN_CASE_CONDITION[OPEN_CASE_ATTRIBUTE]!);
      continue;
    }
    const { attribute, anyOf } = entry;
    if (typeof attribute !== 'string' || !Array.isArray(anyOf))
      return deny('BAD_USER_INPUT', 'an ATTRIBUTE entry of a condition names its attribute and anyOf');
    if (condition.has(attribute)) return deny('BAD_USER_INPUT', `condition names ${attribute} twice`);
    const unknown = fields.filter((field, index) => !isConditionAttribute(catalog, items[index]?.typeName, attribute));
    if (unknown.length > 0) {
      return deny('BAD_USER_INPUT', `condition attribute ${attribute} is not an unconditional scalar item of the resource of ${unknown.join(', ')}`);
    }
    const values = [...new Set(anyOf)];
    if (values.length === 0 || values.length > MAX_CONDITION_VALUES) {
      return deny('BAD_USER_INPUT', `condition attribute ${attribute} needs 1 to ${MAX_CONDITION_VALUES} distinct values`);
    }
    condition.set(attribute, { $in: values });
  }
  return allow({ ...(mask ? { mask } : {}), condition: Object.fromEntries(condition) });
}

/** Why an OPEN_CASE entry cannot narrow these items for this department, or `undefined` when it can. */
function checkOpenCaseEntry(
  entry: RowConditionInput,
  fields: readonly string[],
  items: ReadonlyArray<ReturnType<ShareCatalog['get']>>,
  catalog: ShareCatalog,
  dept: string | undefined,
): Verdict<never> | undefined {
  if (entry.attribute != null || entry.anyOf != null) return deny('BAD_USER_INPUT', 'an OPEN_CASE entry of a condition names no attribute and no values');
  const answering = dept === undefined ? undefined : catalog.get(`Query.${openCasesField(dept)}`);
  if (dept === undefined || answering?.provider !== dept) {
    return deny(
      'BAD_USER_INPUT',
      `OPEN_CASE needs the requesting department's subgraph to answer its open cases (Query.${openCasesField(dept ?? 'department')}); it does not`,
    );
  }
  const unkeyed = fields.filter((_field, index) => {
    const key = items[index] && catalog.get(`${items[index].typeName}.${OPEN_CASE_SUBJECT_KEY}`);
    return key?.shareType !== 'UNCONDITIONAL' || key.valueType !== 'CitizenId';
  });
  if (unkeyed.length > 0) return deny('BAD_USER_INPUT', `OPEN_CASE fits items of residents (keyed by citizen ID) only, not ${unkeyed.join(', ')}`);
  return undefined;
}

function isConditionAttribute(catalog: ShareCatalog, typeName: string | undefined, attribute: string): boolean {
  const share = typeName === undefined ? undefined : catalog.get(`${typeName}.${attribute}`);
  return share !== undefined && share.shareType === 'UNCONDITIONAL' && CONDITION_TYPES.has(share.valueType ?? '');
}
