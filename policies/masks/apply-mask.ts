/**
 * Apply mask
 *
 * The mask kinds a provider may declare and an approval may require, each with the GraphQL types its
 * masked value stays valid for, and the one place a kind is applied to a value: each element of a
 * list alone, `null` stays `null`, and a value the mask cannot read is withheld (`null`), never passed.
 * Serves 周政发〔2018〕6号 art. 23: personal data shared no further than the purpose needs.
 */
import type { MaskKind } from '../types.ts';
import { maskAddressToSubdistrict } from './mask-address-to-subdistrict.ts';
import { maskAmount } from './mask-amount.ts';
import { maskCitizenId } from './mask-citizen-id.ts';
import { maskDateToMonth } from './mask-date-to-month.ts';
import { maskDateToYear } from './mask-date-to-year.ts';
import { maskName } from './mask-name.ts';
import { maskPhone } from './mask-phone.ts';

interface MaskDefinition {
  /** Named GraphQL types (of the field, lists unwrapped) the masked value is valid for. */
  fits: readonly string[];
  mask: (value: unknown) => unknown;
}

/** `CitizenId` itself does not fit a partial mask: its scalar refuses the starred form. */
export const MASKS: Readonly<Record<MaskKind, MaskDefinition>> = {
  CITIZEN_ID_PARTIAL: { fits: ['String'], mask: maskCitizenId },
  PHONE_PARTIAL: { fits: ['String'], mask: maskPhone },
  NAME_PARTIAL: { fits: ['String'], mask: maskName },
  DATE_TO_YEAR: { fits: ['Date', 'String'], mask: maskDateToYear },
  DATE_TO_MONTH: { fits: ['Date', 'String'], mask: maskDateToMonth },
  AMOUNT_BAND: { fits: ['Int', 'Float'], mask: maskAmount },
  ADDRESS_TO_SUBDISTRICT: { fits: ['String'], mask: maskAddressToSubdistrict },
};

/** Whether a mask kind's values stay valid for a field whose named type is `typeName`. */
export function maskFits(kind: MaskKind, typeName: string | undefined): boolean {
  return typeName !== undefined && MASKS[kind].fits.includes(typeName);
}

export function applyMask(kind: MaskKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => applyMask(kind, item));
  return MASKS[kind].mask(value);
}
