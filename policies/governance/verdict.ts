/** What a governance rule answers: allowed, or why not, in words a person acts on. */
export type GovernanceProblem = 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

export type Verdict<T = true> = { ok: true; value: T } | { ok: false; problem: GovernanceProblem; message: string };

export const allow = <T>(value: T): Verdict<T> => ({ ok: true, value });
export const deny = (problem: GovernanceProblem, message: string): { ok: false; problem: GovernanceProblem; message: string } => ({
  ok: false,
  problem,
  message,
});
