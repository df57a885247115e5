/**
 * Entity keys arriving in `_entities` representations are `_Any`, so the shared scalars never see
 * them; `__resolveReference` checks them here so an invalid key is an input error, never a crash.
 */
import { GraphQLError } from 'graphql';
import { describeInvalidCitizenId } from '../../schema/scalars/citizen-id.ts';
import { describeInvalidCreditCode } from '../../schema/scalars/credit-code.ts';

function assertValid(problem: string | undefined, value: unknown): string {
  if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

/** The citizen ID, or a `BAD_USER_INPUT` error naming what is wrong with it. */
export function assertCitizenId(value: unknown): string {
  return assertValid(describeInvalidCitizenId(value), value);
}

/** The unified social credit code, or a `BAD_USER_INPUT` error naming what is wrong with it. */
export function assertCreditCode(value: unknown): string {
  return assertValid(describeInvalidCreditCode(value), value);
}
