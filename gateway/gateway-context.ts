/** The per-request context the gateway builds before any GraphQL work (steps 1 and 2). */
import type { Consumer } from '../policies/types.ts';
import type { DeclaredUse } from './read-purpose.ts';

export interface GatewayContext {
  requestId: string;
  consumer: Consumer;
  use: DeclaredUse;
}
