/**
 * The audit entry of one operation or refused request, from what the request path knows when it
 * ends: at the edge (HTTP refusals), in the audit plugin (operations Apollo refused before
 * execution) or in step 7 (operations executed).
 */
import { createHash } from 'node:crypto';
import type { OperationVerdict } from '../../policies/authorize-operation.ts';
import type { Consumer, ShareCatalog } from '../../policies/types.ts';
import type { ServedCounts } from './count-served.ts';
import type { DeclaredUse } from '../authenticate/read-purpose.ts';
import { copySubjects, grantedProviders, type AuditEntry, type AuditOutcome, type VerificationCounts } from './audit-record.ts';

export interface AuditFacts {
  requestId: string;
  consumer: Consumer;
  /** Undefined when the request was refused before its purpose headers were read (or because of them). */
  use: DeclaredUse | undefined;
  /** SHA-256 of the operation text; empty when refused before there was one. */
  operationHash: string;
  operationName: string | null;
  outcome: AuditOutcome;
  /** The error code the consumer received (REJECTED, REFUSED, ERROR). */
  code?: string | undefined;
  /** `performance.now()` when the work recorded began. */
  startedAt: number;
  verdict?: OperationVerdict | undefined;
  served?: ServedCounts | undefined;
  /** A verification call: outcome counts per verified item, and the claimed items it was denied. */
  verified?: Record<string, VerificationCounts> | undefined;
  deniedItems?: readonly string[] | undefined;
  /** The keyed HMACs of the subjects served, and which provider served each. */
  subjects?: AuditEntry['subjects'];
  /** `Type.field`s delivered masked (never the values). */
  masked?: readonly string[] | undefined;
  /** `Type.field`s withheld from some record outside a grant's row condition. */
  rowDenied?: readonly string[] | undefined;
  /** SHA-256 of the operation's literal-free document, when one was kept. */
  documentHash?: string | undefined;
}

/** What a record says of the items depends only on the verdict, which is cached per ability and operation: so are these lists. */
const itemLists = new WeakMap<OperationVerdict, WeakMap<ShareCatalog, { granted: string[]; denied: string[]; providers: string[] }>>();

function itemsOf(verdict: OperationVerdict | undefined, catalog: ShareCatalog): { granted: string[]; denied: string[]; providers: string[] } {
  if (!verdict) return { granted: [], denied: [], providers: [] };
  let perCatalog = itemLists.get(verdict);
  if (!perCatalog) itemLists.set(verdict, (perCatalog = new WeakMap()));
  let items = perCatalog.get(catalog);
  if (!items) {
    const granted = [...verdict.grantedFields];
    const denied = verdict.deniedFields.map((d) => d.coordinate);
    items = { granted, denied, providers: grantedProviders(granted, (coordinate) => catalog.get(coordinate)?.provider) };
    perCatalog.set(catalog, items);
  }
  // Each record gets its own arrays: records are values, never views of a cache.
  return { granted: [...items.granted], denied: [...items.denied], providers: [...items.providers] };
}

export function buildAuditEntry(facts: AuditFacts, catalog: ShareCatalog): AuditEntry {
  const { granted, denied, providers } = itemsOf(facts.verdict, catalog);
  const served: ServedCounts = {};
  for (const [provider, counts] of Object.entries(facts.served ?? {})) served[provider] = { calls: counts.calls, entities: counts.entities };
  return {
    at: new Date().toISOString(),
    requestId: facts.requestId,
    app: facts.consumer.app,
    dept: facts.consumer.dept,
    roles: [...facts.consumer.roles],
    purpose: facts.use?.purpose ?? null,
    matter: facts.use?.matter ?? null,
    operationHash: facts.operationHash,
    operationName: facts.operationName,
    granted,
    denied: facts.rowDenied || facts.deniedItems ? [...new Set([...denied, ...(facts.rowDenied ?? []), ...(facts.deniedItems ?? [])])] : denied,
    masked: [...new Set(facts.masked ?? [])],
    // Verified items count as used: their providers see the call in "who used my data".
    providers: facts.verified ? grantedProviders([...granted, ...Object.keys(facts.verified)], (coordinate) => catalog.get(coordinate)?.provider) : providers,
    served,
    outcome: facts.outcome,
    ...(facts.code === undefined ? {} : { code: facts.code }),
    durationMs: Math.round(performance.now() - facts.startedAt),
    ...(facts.verified === undefined ? {} : { verified: structuredClone(facts.verified) }),
    ...(facts.subjects === undefined ? {} : { subjects: copySubjects(facts.subjects) }),
    ...(facts.documentHash === undefined ? {} : { documentHash: facts.documentHash }),
  };
}

/** The operation's hash when Apollo Server has not computed one: of the text sent, or the persisted-query hash asked for. */
export function operationHashOf(request: { query?: string | undefined; extensions?: Record<string, unknown> | undefined }): string {
  if (typeof request.query === 'string') return createHash('sha256').update(request.query).digest('hex');
  const persisted = (request.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  return typeof persisted === 'string' && /^[0-9a-f]{64}$/.test(persisted) ? persisted : '';
}
