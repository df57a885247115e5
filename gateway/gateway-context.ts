/** The per-request context the gateway builds before any GraphQL work (steps 1 and 2). */
import type { Consumer } from '../policies/types.ts';
import type { DeclaredUse } from './read-purpose.ts';

export interface GatewayContext {
  requestId: string;
  consumer: Consumer;
  use: DeclaredUse;
  /** Filled while the request runs, for its audit record: provider → calls and entities asked for. */
  served: Record<string, { calls: number; entities: number }>;
  /** Entity keys named so far by this HTTP request's operations; Apollo gives each batched operation a copy of the context, and this object is shared by all. */
  keys: { named: number };
}
