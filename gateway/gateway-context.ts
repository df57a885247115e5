/** The per-request context the gateway builds before any GraphQL work (steps 1 and 2). */
import type { Consumer } from '../policies/types.ts';
import type { ServedCounts } from './audit/count-served.ts';
import type { ServedSubjects } from './audit/collect-subjects.ts';
import type { DeclaredUse } from './authenticate/read-purpose.ts';

export interface GatewayContext {
  requestId: string;
  consumer: Consumer;
  use: DeclaredUse;
  /**
   * Operations of this HTTP request that Apollo Server started (counted by the audit plugin); when
   * none started, Apollo refused the request itself and the edge records it. An object, because
   * Apollo hands each operation a shallow copy of the context.
   */
  operations: { started: number };
  /**
   * What each provider returned, on the context `enforceOperation` hands the executor for one
   * operation: a batch shares the request's context, each operation gets its own counts.
   */
  served?: ServedCounts;
  /** Subjects each provider served to the operation, likewise per operation (identifiers, never stored as such). */
  subjects?: ServedSubjects;
  /** Entity keys named so far by this HTTP request's operations; Apollo gives each batched operation a copy of the context, and this object is shared by all. */
  keys: { named: number };
}
