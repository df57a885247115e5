import { GraphQLError } from 'graphql';

/** Upper bound on keys in one list query, so one request cannot ask for the whole register. */
export const MAX_KEYS_PER_QUERY = 100;

export function assertBatchSize(keys: readonly unknown[]): void {
  if (keys.length > MAX_KEYS_PER_QUERY) {
    throw new GraphQLError(`At most ${MAX_KEYS_PER_QUERY} keys may be asked for at once; got ${keys.length}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}
