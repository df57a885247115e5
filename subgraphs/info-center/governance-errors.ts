/** Governance refusals as client errors, built through the registry. */
import type { GraphQLError } from 'graphql';
import type { Verdict } from '../../policies/governance/verdict.ts';
import { shareError } from '../../platform/errors.ts';

/** Turns a refused verdict into the client error it stands for (rules return, adapters throw). */
export function assertVerdict<T>(verdict: Verdict<T>): T {
  if (verdict.ok) return verdict.value;
  throw shareError(verdict.problem, { message: verdict.message });
}

export function notFound(kind: string, id: string): GraphQLError {
  return shareError('NOT_FOUND', { message: `No ${kind} with id ${id} is visible to your department` });
}
