/**
 * `/readyz`: ready when every subgraph of the supergraph answers a signed `{ __typename }` within a
 * second and every store answers a round trip. Results are kept for two seconds so that probes cannot load the subgraphs.
 */
import type { SubgraphEndpoint } from '../schema/read-subgraph-endpoints.ts';
import type { SignSubgraphCall } from './sign-subgraph-call.ts';

export interface Readiness {
  ready: boolean;
  subgraphs: Array<{ name: string; ready: boolean; problem?: string }>;
  stores: Array<{ name: string; ready: boolean; problem?: string }>;
}

/** A store the gateway needs (the store of record; later caches), checked by a cheap round trip. */
export interface StoreCheck {
  name: string;
  check(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 1_000;
const PROBE_TTL_MS = 2_000;
const PROBE_BODY = '{"query":"{ __typename }"}';

export function createReadinessProbe(endpoints: readonly SubgraphEndpoint[], sign: SignSubgraphCall, stores: readonly StoreCheck[] = []): () => Promise<Readiness> {
  let last: { at: number; readiness: Promise<Readiness> } | undefined;
  const probeOne = async ({ name, url }: SubgraphEndpoint) => {
    try {
      const token = await sign(name, { app: 'gateway', dept: 'info-center', roles: [], purpose: undefined }, PROBE_BODY);
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
  return () => {
    const now = Date.now();
    if (!last || now - last.at > PROBE_TTL_MS) {
      last = {
        at: now,
        readiness: Promise.all([Promise.all(endpoints.map(probeOne)), Promise.all(stores.map(probeStore))]).then(([subgraphs, checked]) => ({
          ready: subgraphs.every((s) => s.ready) && checked.every((s) => s.ready),
          subgraphs,
          stores: checked,
        })),
      };
    }
    return last.readiness;
  };
}
