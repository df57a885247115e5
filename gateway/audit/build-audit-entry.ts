/** Step 7's input: the audit entry of one operation, from what the request path knows at its end. */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { OperationVerdict } from '../../policies/authorize-operation.ts';
import type { ShareCatalog } from '../../policies/types.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { grantedProviders, type AuditEntry, type AuditOutcome } from './audit-record.ts';

export function buildAuditEntry(
  rc: GatewayGraphQLRequestContext,
  context: GatewayContext,
  catalog: ShareCatalog,
  outcome: AuditOutcome,
  startedAt: number,
  verdict?: OperationVerdict,
): AuditEntry {
  const granted = [...(verdict?.grantedFields ?? [])];
  return {
    at: new Date().toISOString(),
    requestId: context.requestId,
    app: context.consumer.app,
    dept: context.consumer.dept,
    roles: [...context.consumer.roles],
    purpose: context.use.purpose ?? null,
    matter: context.use.matter ?? null,
    operationHash: rc.queryHash,
    operationName: rc.operationName ?? null,
    granted,
    denied: (verdict?.deniedFields ?? []).map((denied) => denied.coordinate),
    masked: [],
    providers: grantedProviders(granted, (coordinate) => catalog.get(coordinate)?.provider),
    served: structuredClone(context.served),
    outcome,
    durationMs: Math.round(performance.now() - startedAt),
  };
}
