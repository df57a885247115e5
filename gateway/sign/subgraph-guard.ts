/**
 * Each subgraph's calls run under a timeout and a circuit breaker (cockatiel): a provider that does
 * not answer within `timeoutMs` costs a request no more than that, and after `failures` calls in a
 * row brought no answer (network error, timeout, HTTP 5xx) its calls fail at once, without waiting,
 * until `halfOpenAfterMs` has passed; then one trial call decides whether it is back. Either way
 * the call fails, @apollo/gateway leaves that provider's items null, and the error formatter names
 * it PROVIDER_UNAVAILABLE: the other providers' items are still served. A call whose callers all stopped
 * waiting for it (`abandon`: the open-case question's own, shorter deadline passed) is cancelled and
 * counts as a failure like a timeout: the provider did not answer in the time the call had. Such calls
 * run under a guard of their own (signed-data-source.ts), so a question that hangs does not open the
 * breaker of the subgraph's data calls.
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

/** A call its callers stopped waiting for, its deadline passed: cancelled, and a failure of the provider. */
export class AbandonedCallError extends Error {
  constructor(subgraph: string, cause: unknown) {
    super(`the call to ${subgraph} was abandoned by its caller`, { cause });
    this.name = 'AbandonedCallError';
  }
}

export interface SubgraphGuard {
  /** Runs one call; `signal` aborts it when the time is up, or when `abandon` aborts. */
  run(call: (signal: AbortSignal) => Promise<FetcherResponse>, abandon?: AbortSignal): Promise<FetcherResponse>;
}

/**
 * `breakerName`: the name its state is reported under (`zhoucun_gateway_subgraph_breaker_open{subgraph}`),
 * the subgraph's by default; calls are counted under the subgraph's name either way.
 */
export function createSubgraphGuard(subgraph: string, options: SubgraphGuardOptions = {}, metrics?: GatewayMetrics, breakerName = subgraph): SubgraphGuard {
  const { timeoutMs, failures, halfOpenAfterMs } = { ...DEFAULT_SUBGRAPH_GUARD, ...options };
  // A 5xx answer counts as a failure, and is still handed on as the answer it is. So does an abandoned
  // call: its deadline was the caller's, shorter than `timeoutMs`, and a provider that never meets it
  // (a consumer's subgraph that hangs on the open-case question) would otherwise cost each of its
  // operations the whole deadline, the breaker never opening.
  const breaker = circuitBreaker(
    handleAll.orWhenResult((response) => (response as FetcherResponse).status >= 500),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) },
  );
  breaker.onStateChange((state) =>
    metrics?.breakerState(
      breakerName,
      state === CircuitState.Open || state === CircuitState.Isolated ? 'open' : state === CircuitState.HalfOpen ? 'half_open' : 'closed',
    ),
  );
  metrics?.breakerState(breakerName, 'closed');
  // The call's signal is aborted when its time is up, not when it returns: the pooled client has read the
  // whole answer by then, and aborting a finished call only built an AbortError (a DOMException with its
  // stack) per call for nothing.
  const policy = wrap(breaker, timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }));
  return {
    async run(call, abandon) {
      // Abandoned before it was sent (its deadline passed while the event loop was busy): nothing is sent, nothing counted.
      if (abandon?.aborted) throw new AbandonedCallError(subgraph, abandon.reason);
      const startedAt = performance.now();
      const seconds = () => (performance.now() - startedAt) / 1000;
      const send = ({ signal }: { signal: AbortSignal }) => {
        if (!abandon) return call(signal);
        return call(AbortSignal.any([signal, abandon])).catch((error: unknown) => {
          throw abandon.aborted ? new AbandonedCallError(subgraph, error) : error;
        });
      };
      try {
        const response = await policy.execute(send);
        metrics?.subgraphCall(subgraph, response.status >= 500 ? 'error' : 'ok', seconds());
        return response;
      } catch (error) {
        if (error instanceof AbandonedCallError) {
          metrics?.subgraphCall(subgraph, 'abandoned', seconds());
          throw error;
        }
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
