/**
 * `/readyz`: ready when every subgraph of the supergraph answers a signed `{ __typename }` within a
 * second, every store answers a round trip, and the audit spool drains: a record waiting in the
 * local spool for longer than `AUDIT_SPOOL_MAX_AGE_MS` means the store is not taking this
 * instance's records, and traffic belongs on another instance. Quarantined records and dropped
 * operation documents are reported (an operator must look at them) without making the instance
 * unready: they no longer block anything. A writer that found another writer on its chain refuses
 * every request: the instance is unready until restarted with a chain of its own.
 * Subgraph and store results are kept for two seconds so that probes cannot load the subgraphs.
 */
import type { SubgraphEndpoint } from '../schema/read-subgraph-endpoints.ts';
import type { AuditWriterState } from './audit/audit-writer.ts';
import type { SignSubgraphCall } from './sign/sign-subgraph-call.ts';
import { PLATFORM_OPERATOR } from '../policies/types.ts';

/** Longest a record may wait in the audit spool before the instance is not ready: 60 retries of the store. */
export const AUDIT_SPOOL_MAX_AGE_MS = 60_000;

export interface AuditReadiness {
  ready: boolean;
  spool: { waiting: number; oldestAgeSeconds: number | null; draining: boolean };
  quarantine: AuditWriterState['quarantine'];
  documents: AuditWriterState['documents'];
  problem?: string;
}

export interface Readiness {
  ready: boolean;
  subgraphs: Array<{ name: string; ready: boolean; problem?: string }>;
  stores: Array<{ name: string; ready: boolean; problem?: string }>;
  audit?: AuditReadiness;
}

/** The audit writer's backlog as `/readyz` reads it; `maxSpoolAgeMs` defaults to `AUDIT_SPOOL_MAX_AGE_MS`. */
export interface AuditBacklog {
  state(): AuditWriterState;
  maxSpoolAgeMs?: number;
}

/** Whether the audit spool drains: nothing waits, or nothing has waited longer than the bound. */
export function auditReadiness(backlog: AuditBacklog, now: number): AuditReadiness {
  const { spool, quarantine, documents, chainTaken } = backlog.state();
  const maxAgeMs = backlog.maxSpoolAgeMs ?? AUDIT_SPOOL_MAX_AGE_MS;
  const ageMs = spool.oldestAt === undefined ? null : Math.max(0, now - Date.parse(spool.oldestAt));
  const draining = spool.waiting === 0 || ageMs === null || ageMs <= maxAgeMs;
  const problem = chainTaken
    ? `${chainTaken.problem}; this instance refuses every request until it is restarted`
    : draining
      ? undefined
      : `${spool.waiting} audit record(s) have waited in the local spool for more than ${maxAgeMs / 1000} s: the store is not taking them`;
  return {
    ready: draining && !chainTaken,
    spool: { waiting: spool.waiting, oldestAgeSeconds: ageMs === null ? null : Math.round(ageMs / 1000), draining },
    quarantine,
    documents,
    ...(problem ? { problem } : {}),
  };
}

/** A store the gateway needs (the store of record), checked by a cheap round trip. */
export interface StoreCheck {
  name: string;
  check(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 1_000;
const PROBE_TTL_MS = 2_000;
const PROBE_BODY = '{"query":"{ __typename }"}';

export function createReadinessProbe(
  endpoints: () => readonly SubgraphEndpoint[],
  sign: SignSubgraphCall,
  stores: readonly StoreCheck[] = [],
  audit?: AuditBacklog,
): () => Promise<Readiness> {
  let last: { at: number; readiness: Promise<Readiness> } | undefined;
  const probeOne = async ({ name, url }: SubgraphEndpoint) => {
    try {
      const token = await sign(name, { app: 'gateway', dept: PLATFORM_OPERATOR, roles: [], purpose: undefined }, PROBE_BODY);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: PROBE_BODY,
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      return response.ok ? { name, ready: true } : { name, ready: false, problem: `HTTP ${response.status}` };
    } catch (error) {
      return { name, ready: false, problem: (error as Error).name === 'TimeoutError' ? 'no answer within 1 s' : 'unreachable' };
    }
  };
  const probeStore = async ({ name, check }: StoreCheck) => {
    try {
      await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), PROBE_TIMEOUT_MS).unref())]);
      return { name, ready: true };
    } catch (error) {
      return { name, ready: false, problem: (error as Error).message };
    }
  };
  return async () => {
    const now = Date.now();
    if (!last || now - last.at > PROBE_TTL_MS) {
      last = {
        at: now,
        readiness: Promise.all([Promise.all(endpoints().map(probeOne)), Promise.all(stores.map(probeStore))]).then(([subgraphs, checked]) => ({
          ready: subgraphs.every((s) => s.ready) && checked.every((s) => s.ready),
          subgraphs,
          stores: checked,
        })),
      };
    }
    const readiness = await last.readiness;
    if (!audit) return readiness;
    // The backlog is read on every probe: it is in memory, and a stalled spool must show at once.
    const auditState = auditReadiness(audit, now);
    return { ...readiness, ready: readiness.ready && auditState.ready, audit: auditState };
  };
}
