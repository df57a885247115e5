/**
 * The audit record of a request the HTTP edge refuses after authentication: rate limited, purpose,
 * matter or mode headers refused, a batch refused, or an HTTP request Apollo Server refused before
 * any of its operations started. One record for the request (its operations were never examined),
 * outcome REJECTED with the code the consumer receives. Serves art. 5(4) and 15.
 */
import type { Consumer, ShareCatalog } from '../../policies/types.ts';
import type { DeclaredUse } from '../authenticate/read-purpose.ts';
import type { AuditWriter } from './audit-writer.ts';
import { buildAuditEntry } from './build-audit-entry.ts';

export interface RefusedRequest {
  requestId: string;
  consumer: Consumer;
  /** Undefined when the purpose headers were not read, or were themselves refused. */
  use: DeclaredUse | undefined;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
}

/** Records a refusal; resolves false when the record could not be kept (the caller answers AUDIT_UNAVAILABLE). */
export type RecordRefusal = (request: RefusedRequest, code: string) => Promise<boolean>;

export function createRefusalRecorder(audit: AuditWriter | undefined, catalog: ShareCatalog): RecordRefusal {
  return async (request, code) => {
    if (!audit) return true;
    try {
      await audit.append(buildAuditEntry({ ...request, operationHash: '', operationName: null, outcome: 'REJECTED', code }, catalog));
      return true;
    } catch {
      return false;
    }
  };
}

/** The code of the first error of a GraphQL response body, if it has one. */
export function firstErrorCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
