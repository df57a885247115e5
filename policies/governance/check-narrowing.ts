/**
 * Check narrowing
 *
 * An approval may narrow what its grants open: masked delivery (`mask`) and a row condition
 * (`condition`, every listed attribute of the subject holding one of the listed values). Either is
 * only accepted if it fits every approved item: the mask kind fits the item's type, and each
 * condition attribute is an UNCONDITIONAL scalar item of the item's own resource type — readable by
 * every consumer anyway, so a record withheld for being outside the condition tells nothing new.
 * The condition is bounded: at most `MAX_CONDITION_ATTRIBUTES` attributes, each named once, each with
 * 1 to `MAX_CONDITION_VALUES` distinct values (the texts themselves are bounded as governance texts).
 * Serves art. 13 (an approval may be narrower than the request) and art. 23 (personal data shared no
 * further than the purpose needs).
 */
import { MASKS, maskFits } from '../masks/apply-mask.ts';
import { isMaskKind, type MaskKind, type RowCondition, type ShareCatalog } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export const MAX_CONDITION_ATTRIBUTES = 4;
export const MAX_CONDITION_VALUES = 50;
/** Scalars a condition compares as text. */
const CONDITION_TYPES = new Set(['String', 'ID', 'Date', 'CitizenId', 'CreditCode']);

export interface RowConditionInput {
  attribute: string;
  anyOf: readonly string[];
}

export interface Narrowing {
  mask?: string | undefined;
  condition?: readonly RowConditionInput[] | undefined;
}

export function checkNarrowing(fields: readonly string[], narrowing: Narrowing, catalog: ShareCatalog): Verdict<{ mask?: MaskKind; condition?: RowCondition }> {
  const items = fields.map((field) => catalog.get(field));
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
  const condition = new Map<string, { $in: string[] }>();
  for (const { attribute, anyOf } of entries) {
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

function isConditionAttribute(catalog: ShareCatalog, typeName: string | undefined, attribute: string): boolean {
  const share = typeName === undefined ? undefined : catalog.get(`${typeName}.${attribute}`);
  return share !== undefined && share.shareType === 'UNCONDITIONAL' && CONDITION_TYPES.has(share.valueType ?? '');
}
