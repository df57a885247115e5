/**
 * Entity keys arriving in `_entities` representations are `_Any`, so the shared scalars never see
 * them; `__resolveReference` checks them here so an invalid key is an input error, never a crash.
 */
import { CitizenIdScalar } from '../../schema/scalars/citizen-id.ts';
import { CreditCodeScalar } from '../../schema/scalars/credit-code.ts';

/** The citizen ID, or a `BAD_USER_INPUT` error naming what is wrong with it (the scalar's own parser). */
export function assertCitizenId(value: unknown): string {
  return CitizenIdScalar.parseValue(value);
}

/** The unified social credit code, or a `BAD_USER_INPUT` error naming what is wrong with it (the scalar's own parser). */
export function assertCreditCode(value: unknown): string {
  return CreditCodeScalar.parseValue(value);
}
