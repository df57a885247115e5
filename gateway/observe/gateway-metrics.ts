/**
 * The gateway's Prometheus metrics, in a registry of its own (one per gateway instance, so that two
 * gateways in one process never mix their counts). Every label value is bounded: an outcome is `ok`
 * or a code of the error registry, an item a `Type.field` of the share catalog (anything else is
 * counted as `other`), a subgraph a name of the supergraph. Nothing a consumer typed becomes a label.
 */
import { createHash } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isErrorCode } from '../../platform/errors.ts';
import type { GrantSource } from '../../platform/grant-source.ts';
import type { ShareCatalog } from '../../policies/types.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';

/** How an item was withheld: removed by the verdict, masked, or withheld from some records (row conditions). */
export type WithheldKind = 'denied' | 'masked' | 'row_denied';

/** How a subgraph call ended: answered, failed (refused, broken answer, network), timed out, or not sent (breaker open). */
export type SubgraphCallOutcome = 'ok' | 'error' | 'timeout' | 'short_circuit' | 'abandoned';

export interface GatewayMetrics {
  readonly registry: Registry;
  /** One HTTP request to `/graphql` answered: `outcome` is `ok` or the code of its (first) error. */
  requestAnswered(outcome: string, seconds: number): void;
  /** Items withheld from one operation, by `Type.field` of the catalog. */
  itemsWithheld(kind: WithheldKind, coordinates: Iterable<string>, catalog: ShareCatalog): void;
  subgraphCall(subgraph: string, outcome: SubgraphCallOutcome, seconds: number): void;
  /** A subgraph's circuit breaker changed state. */
  breakerState(subgraph: string, state: 'closed' | 'open' | 'half_open'): void;
  rateLimited(limit: string): void;
  /** The supergraph served now (its version is the first 16 hex digits of its SDL's SHA-256). */
  supergraphServed(sdl: string): void;
  /** Reads the audit writer's queue and spool at every scrape. */
  watchAudit(audit: AuditWriter): void;
  /** Reads how long ago the grants were last confirmed against the store, at every scrape. */
  watchGrants(grants: GrantSource): void;
}

/** Seconds: a gateway answer is expected within tens of milliseconds; the tail up to the subgraph timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function supergraphVersion(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 16);
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'zhoucun_gateway_requests_total',
    help: 'HTTP requests to /graphql by outcome: ok, or the error code they were refused or failed with',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'zhoucun_gateway_request_duration_seconds',
    help: 'Time to answer a /graphql request, by result (ok or refused)',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const withheld = new Counter({
    name: 'zhoucun_gateway_items_withheld_total',
    help: 'Data items withheld from operations, by kind (denied, masked, row_denied) and Type.field of the catalog',
    labelNames: ['kind', 'item'] as const,
    registers: [registry],
  });
  const subgraphSeconds = new Histogram({
    name: 'zhoucun_gateway_subgraph_call_duration_seconds',
    help: 'Signed calls to subgraphs, by subgraph and outcome (ok, error, timeout, short_circuit, abandoned)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subgraphErrors = new Counter({
    name: 'zhoucun_gateway_subgraph_call_errors_total',
    help: 'Subgraph calls that brought no answer, by subgraph and outcome (error, timeout, short_circuit, abandoned)',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'zhoucun_gateway_subgraph_breaker_open',
    help: 'Circuit breaker per subgraph: 0 closed, 0.5 half-open (one trial call), 1 open (calls fail fast)',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });
  const rateLimits = new Counter({
    name: 'zhoucun_gateway_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit (department, application)',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const supergraph = new Gauge({
    name: 'zhoucun_gateway_supergraph_info',
    help: 'The supergraph served: 1 for its version (first 16 hex digits of the SHA-256 of its SDL)',
    labelNames: ['version'] as const,
    registers: [registry],
  });
  let audit: AuditWriter | undefined;
  new Gauge({
    name: 'zhoucun_gateway_audit_queue_depth',
    help: 'Audit records waiting for the next group commit',
    registers: [registry],
    collect() {
      if (audit) this.set(audit.queueDepth());
    },
  });
  new Gauge({
    name: 'zhoucun_gateway_audit_spool_records',
    help: 'Audit records in the local spool, waiting for the store to answer again',
    registers: [registry],
    collect() {
      if (audit) this.set(audit.state().spool.waiting);
    },
  });
  new Counter({
    name: 'zhoucun_gateway_audit_quarantined_records_total',
    help: 'Audit records the store refused for their content and that were quarantined, since start',
    registers: [registry],
    collect() {
      if (!audit) return;
      this.reset();
      this.inc(audit.state().quarantine.count);
    },
  });
  new Counter({
    name: 'zhoucun_gateway_audit_documents_dropped_total',
    help: 'Operation documents dropped since start: refused by the store for their content, or beyond the pending bound (each logged with its hash)',
    registers: [registry],
    collect() {
      if (!audit) return;
      this.reset();
      this.inc(audit.state().documents.dropped);
    },
  });
  new Gauge({
    name: 'zhoucun_gateway_audit_chain_taken',
    help: '1 once another writer was found on this instance audit chain: every request is refused until a restart',
    registers: [registry],
    collect() {
      if (audit) this.set(audit.state().chainTaken ? 1 : 0);
    },
  });
  let grants: GrantSource | undefined;
  new Gauge({
    name: 'zhoucun_gateway_grant_reload_lag_seconds',
    help: 'Seconds since the grants in use were last confirmed against the store of record',
    registers: [registry],
    collect() {
      const confirmedAt = grants?.confirmedAt?.();
      if (confirmedAt !== undefined) this.set(Math.max(0, (Date.now() - confirmedAt) / 1000));
    },
  });

  return {
    registry,
    requestAnswered(outcome, seconds) {
      const label = outcome === 'ok' || isErrorCode(outcome) ? outcome : 'INTERNAL_SERVER_ERROR';
      requests.inc({ outcome: label });
      requestSeconds.observe({ result: label === 'ok' ? 'ok' : 'refused' }, seconds);
    },
    itemsWithheld(kind, coordinates, catalog) {
      for (const coordinate of coordinates) withheld.inc({ kind, item: catalog.has(coordinate) ? coordinate : 'other' });
    },
    subgraphCall(subgraph, outcome, seconds) {
      subgraphSeconds.observe({ subgraph, outcome }, seconds);
      if (outcome !== 'ok') subgraphErrors.inc({ subgraph, outcome });
    },
    breakerState(subgraph, state) {
      breaker.set({ subgraph }, state === 'open' ? 1 : state === 'half_open' ? 0.5 : 0);
    },
    rateLimited(limit) {
      rateLimits.inc({ limit });
    },
    supergraphServed(sdl) {
      supergraph.reset();
      supergraph.set({ version: supergraphVersion(sdl) }, 1);
    },
    watchAudit: (writer) => void (audit = writer),
    watchGrants: (source) => void (grants = source),
  };
}
