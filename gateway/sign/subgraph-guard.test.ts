import type { FetcherResponse } from '@apollo/utils.fetcher';
import { describe, expect, it } from 'vitest';
import { AbandonedCallError, createSubgraphGuard, ProviderUnavailableError } from './subgraph-guard.ts';

const answer = { status: 200 } as FetcherResponse;
/** A call that never answers on its own: it ends only when its signal aborts. */
const hanging = (signal: AbortSignal) => new Promise<FetcherResponse>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('subgraph guard', () => {
  it('when the caller abandons a call (its own deadline passed), then the call is aborted and counts against the provider: the breaker of one failure opens', async () => {
    const guard = createSubgraphGuard('civil-affairs', { failures: 1, timeoutMs: 5_000 });
    const abandon = new AbortController();
    let seen: AbortSignal | undefined;
    const call = guard.run((signal) => ((seen = signal), hanging(signal)), abandon.signal);
    abandon.abort();
    await expect(call).rejects.toBeInstanceOf(AbandonedCallError);
    expect(seen?.aborted).toBe(true);
    let sent = false;
    await expect(guard.run(async () => ((sent = true), answer))).rejects.toThrow('civil-affairs is not called');
    expect(sent).toBe(false);
  });

  it('when abandoned calls alternate with answered ones, then the breaker stays closed: only failures in a row open it', async () => {
    const guard = createSubgraphGuard('civil-affairs', { failures: 2, timeoutMs: 5_000 });
    for (let round = 0; round < 3; round += 1) {
      const abandon = new AbortController();
      const call = guard.run(hanging, abandon.signal);
      abandon.abort();
      await expect(call).rejects.toBeInstanceOf(AbandonedCallError);
      await expect(guard.run(async () => answer)).resolves.toBe(answer);
    }
  });

  it('when a call times out without being abandoned, then it counts: the breaker of one failure opens', async () => {
    const guard = createSubgraphGuard('civil-affairs', { failures: 1, timeoutMs: 20 });
    await expect(guard.run(hanging, new AbortController().signal)).rejects.toThrow('civil-affairs did not answer within 20 ms');
    await expect(guard.run(async () => answer)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('when the trial call of a half-open breaker is abandoned, then it counts as a failure: the breaker opens again', async () => {
    const guard = createSubgraphGuard('civil-affairs', { failures: 1, timeoutMs: 20, halfOpenAfterMs: 30 });
    await expect(guard.run(hanging)).rejects.toBeInstanceOf(ProviderUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The trial call hangs, and its caller stops waiting before the timeout.
    const abandon = new AbortController();
    let sent = false;
    const trial = guard.run((signal) => ((sent = true), hanging(signal)), abandon.signal);
    abandon.abort();
    await expect(trial).rejects.toBeInstanceOf(AbandonedCallError);
    expect(sent).toBe(true);
    // Not closed: the next call is not sent.
    let next = false;
    await expect(guard.run(async () => ((next = true), answer))).rejects.toThrow('civil-affairs is not called');
    expect(next).toBe(false);
    // A trial call that answers closes it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(guard.run(async () => answer)).resolves.toBe(answer);
    await expect(guard.run(async () => answer)).resolves.toBe(answer);
  });
});
