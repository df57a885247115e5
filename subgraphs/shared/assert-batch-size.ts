import { shareError } from '../../platform/errors.ts';

/** Upper bound on keys in one list query, so one request cannot ask for the whole register. */
const MAX_KEYS_PER_QUERY = 100;

export function assertBatchSize(keys: readonly unknown[]): void {
  if (keys.length > MAX_KEYS_PER_QUERY) {
    throw shareError('BAD_USER_INPUT', { message: `At most ${MAX_KEYS_PER_QUERY} keys may be asked for at once; got ${keys.length}` });
  }
}
