/**
 * Each subgraph's calls run under a timeout and a circuit breaker (cockatiel): a provider that does
 * not answer within `timeoutMs` costs a request no more than that, and after `failures` calls in a
 * row brought no answer (network error, timeout, HTTP 5xx) its calls fail at once, without waiting,
 * until `halfOpenAfterMs` has passed; then one trial call decides whether it is back. Either way
 * the call fails, @apollo/gateway leaves that provider's items null, and the error formatter names
 * it PROVIDER_UNAVAILABLE: the other providers' items are still served. A call its caller stopped
 * waiting for (`abandon`) is cancelled, and counts neither for nor against the provider, except
 * when it was the trial call: then it counts as a failure, and the breaker opens again.
 */
import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
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

/** A call its caller stopped waiting for: cancelled, and no sign of the provider's health. */
export class AbandonedCallError extends Error {
  /** The call was the half-open breaker's trial call. */
  readonly trial: boolean;
  constructor(subgraph: string, cause: unknown, trial = false) {
    super(`the call to ${subgraph} was abandoned by its caller`, { cause });
    this.name = 'AbandonedCallError';
    this.trial = trial;
  }
}

export interface SubgraphGuard {
  /** Runs one call; `signal` aborts it when the time is up, or when `abandon` aborts. */
  run(call: (signal: AbortSignal) => Promise<FetcherResponse>, abandon?: AbortSignal): Promise<FetcherResponse>;
}

export function createSubgraphGuard(subgraph: string, options: SubgraphGuardOptions = {}, metrics?: GatewayMetrics): SubgraphGuard {
  const { timeoutMs, failures, halfOpenAfterMs } = { ...DEFAULT_SUBGRAPH_GUARD, ...options };
  // A 5xx answer counts as a failure, and is still handed on as the answer it is. An abandoned call is
  // not counted: the caller's patience (shorter than `timeoutMs`) says nothing about the provider.
  // Except the trial call of a half-open breaker: cockatiel counts an error its filter ignores as a
  // success there, so an abandoned trial would close the breaker against a provider that may still
  // hang. Such a call counts as a failure and the breaker opens again (the simpler of the two: the
  // trial is still sent, so a provider that answers within the caller's patience closes it).
  const breaker = circuitBreaker(
    handleWhen((error) => !(error instanceof AbandonedCallError) || error.trial).orWhenResult((response) => (response as FetcherResponse).status >= 500),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) },
  );
  breaker.onStateChange((state) =>
    metrics?.breakerState(
      subgraph,
      state === CircuitState.Open || state === CircuitState.Isolated ? 'open' : state === CircuitState.HalfOpen ? 'half_open' : 'closed',
    ),
  );
  metrics?.breakerState(subgraph, 'closed');
  // The call's signal is aborted when its time is up, not when it returns: the pooled client has read the
  // whole answer by then, and aborting a finished call only built an AbortError (a DOMException with its
  // stack) per call for nothing.
  const policy = wrap(breaker, timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }));
  return {
    async run(call, abandon) {
      const startedAt = performance.now();
      const seconds = () => (performance.now() - startedAt) / 1000;
      const send = ({ signal }: { signal: AbortSignal }) => {
        if (!abandon) return call(signal);
        // The breaker is half-open while it runs its trial call, and only then.
        const trial = breaker.state === CircuitState.HalfOpen;
        return call(AbortSignal.any([signal, abandon])).catch((error: unknown) => {
          throw abandon.aborted ? new AbandonedCallError(subgraph, error, trial) : error;
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
