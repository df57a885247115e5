/**
 * The audit record of every operation Apollo Server refuses before it is executed: parse and
 * validation failures (a bad key literal among them), an operation that cannot be resolved, a GET
 * asking for a mutation, persisted-query errors. Operations that reach the executor are recorded
 * there (step 7, with their verdict and served counts), so each operation has exactly one record.
 * Like step 7, the response waits for the durable record; without one it becomes 503
 * AUDIT_UNAVAILABLE. Serves art. 5(4) and 15: whatever an authenticated consumer asks is on record.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ShareCatalog } from '../../policies/types.ts';
import { ERROR_CODES, shareErrorBody } from '../../platform/errors.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { OPERATION_NAME_TEXT, readConsumerText } from '../admit/read-consumer-text.ts';
import type { AuditWriter } from './audit-writer.ts';
import { buildAuditEntry, operationHashOf } from './build-audit-entry.ts';

export function auditPlugin(audit: AuditWriter, catalog: ShareCatalog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      contextValue.operations.started += 1;
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ request, response, queryHash, operationName }) {
          if (executed || response.body.kind !== 'single') return;
          const code = response.body.singleResult.errors?.[0]?.extensions?.['code'];
          if (code === undefined || code === 'AUDIT_UNAVAILABLE') return;
          // The edge refused unfit names already; checked again because this text goes into the record.
          const asked = operationName ?? request.operationName;
          const name = asked ? readConsumerText(asked, OPERATION_NAME_TEXT) : undefined;
          const entry = buildAuditEntry(
            {
              requestId: contextValue.requestId,
              consumer: contextValue.consumer,
              use: contextValue.use,
              operationHash: queryHash ?? operationHashOf(request),
              operationName: name && 'text' in name ? name.text : null,
              outcome: 'REJECTED',
              code: String(code),
              startedAt,
            },
            catalog,
          );
          try {
            await audit.append(entry);
          } catch {
            response.body = { kind: 'single', singleResult: shareErrorBody('AUDIT_UNAVAILABLE') };
            response.http.status = ERROR_CODES.AUDIT_UNAVAILABLE.status;
          }
        },
      };
    },
  };
}
