/**
 * Each subgraph's calls run under a timeout and a circuit breaker (cockatiel): a provider that does
 * not answer within `timeoutMs` costs a request no more than that, and after `failures` calls in a
 * row brought no answer (network error, timeout, HTTP 5xx) its calls fail at once, without waiting,
 * until `halfOpenAfterMs` has passed; then one trial call decides whether it is back. Either way
 * the call fails, @apollo/gateway leaves that provider's items null, and the error formatter names
 * it PROVIDER_UNAVAILABLE: the other providers' items are still served.
 */
import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleAll,
  isBrokenCircuitError,
  isTaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import type { GatewayMetrics } from '../observe/gateway-metrics.ts';

export interface SubgraphGuardOptions {
  /** Longest wait for one subgraph answer, in ms (`SUBGRAPH_TIMEOUT_MS`); default 10 000. */
  timeoutMs?: number;
  /** Calls in a row without an answer that open the breaker (`SUBGRAPH_BREAKER_FAILURES`); default 5. */
  failures?: number;
  /** How long an open breaker fails calls at once before a trial call (`SUBGRAPH_BREAKER_HALF_OPEN_MS`); default 10 000. */
  halfOpenAfterMs?: number;
}

export const DEFAULT_SUBGRAPH_GUARD: Required<SubgraphGuardOptions> = { timeoutMs: 10_000, failures: 5, halfOpenAfterMs: 10_000 };

/** A call that brought no answer: not sent (breaker open), timed out, or failed on the network. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ProviderUnavailableError';
  }
}

export interface SubgraphGuard {
  /** Runs one call; `signal` aborts it when the time is up. */
  run(call: (signal: AbortSignal) => Promise<FetcherResponse>): Promise<FetcherResponse>;
}

export function createSubgraphGuard(subgraph: string, options: SubgraphGuardOptions = {}, metrics?: GatewayMetrics): SubgraphGuard {
  const { timeoutMs, failures, halfOpenAfterMs } = { ...DEFAULT_SUBGRAPH_GUARD, ...options };
  // A 5xx answer counts as a failure, and is still handed on as the answer it is.
  const breaker = circuitBreaker(
    handleAll.orWhenResult((response) => (response as FetcherResponse).status >= 500),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) },
  );
  breaker.onStateChange((state) =>
    metrics?.breakerState(
      subgraph,
      state === CircuitState.Open || state === CircuitState.Isolated ? 'open' : state === CircuitState.HalfOpen ? 'half_open' : 'closed',
    ),
  );
  metrics?.breakerState(subgraph, 'closed');
  const policy = wrap(breaker, timeout(timeoutMs, TimeoutStrategy.Aggressive));
  return {
    async run(call) {
      const startedAt = performance.now();
      const seconds = () => (performance.now() - startedAt) / 1000;
      try {
        const response = await policy.execute(({ signal }) => call(signal));
        metrics?.subgraphCall(subgraph, response.status >= 500 ? 'error' : 'ok', seconds());
        return response;
      } catch (error) {
        if (isBrokenCircuitError(error)) {
          metrics?.subgraphCall(subgraph, 'short_circuit', seconds());
          throw new ProviderUnavailableError(
            `${subgraph} is not called: its last ${failures} calls brought no answer; trying again within ${halfOpenAfterMs / 1000} s`,
            error,
          );
        }
        if (isTaskCancelledError(error)) {
          metrics?.subgraphCall(subgraph, 'timeout', seconds());
          throw new ProviderUnavailableError(`${subgraph} did not answer within ${timeoutMs} ms`, error);
        }
        metrics?.subgraphCall(subgraph, 'error', seconds());
        throw new ProviderUnavailableError(`${subgraph} could not be reached: ${(error as Error).message}`, error);
      }
    },
  };
}
