/**
 * Automatic persisted queries, kept per department. Apollo Server keeps one APQ cache for everyone,
 * and whether a hash is known (PERSISTED_QUERY_NOT_FOUND or an answer) tells one department what
 * another has asked. Every key of this cache carries the department of the request it is used for;
 * Apollo gives the cache no request, so the department travels in an AsyncLocalStorage scope opened
 * around each request by `runForDepartment`. Outside such a scope nothing is found and nothing stored.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';

export interface DepartmentPersistedQueries {
  /** Apollo Server's `persistedQueries.cache`. */
  cache: KeyValueCache<string>;
  /** Runs `work` (one HTTP request through Apollo) with APQ keys scoped to `department`. */
  runForDepartment<T>(department: string, work: () => Promise<T>): Promise<T>;
}

export function createDepartmentPersistedQueries(store: KeyValueCache<string> = new InMemoryLRUCache<string>()): DepartmentPersistedQueries {
  const scope = new AsyncLocalStorage<string>();
  const keyOf = (key: string) => {
    const department = scope.getStore();
    return department === undefined ? undefined : `${department}\n${key}`;
  };
  return {
    cache: {
      async get(key: string) {
        const scoped = keyOf(key);
        return scoped === undefined ? undefined : store.get(scoped);
      },
      async set(key: string, value: string, options?: KeyValueCacheSetOptions) {
        const scoped = keyOf(key);
        if (scoped !== undefined) await store.set(scoped, value, options);
      },
      async delete(key: string) {
        const scoped = keyOf(key);
        return scoped === undefined ? false : store.delete(scoped);
      },
    },
    runForDepartment: (department, work) => scope.run(department, work),
  };
}
