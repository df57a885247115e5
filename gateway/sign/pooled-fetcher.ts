/**
 * The HTTP client of subgraph calls: undici's dispatcher API (`Agent.request`, pooled keep-alive
 * connections per subgraph origin) behind the `Fetcher` interface @apollo/gateway's data sources
 * accept. It skips the WHATWG layer of Node's own fetch (Request/Response objects, body streams
 * and mixins, URL parsing per call), the largest block of the gateway's CPU profile under load.
 * The answer is read whole before the response is handed on: Apollo reads every body anyway, and a
 * buffered answer can be handed to several readers, each parsing its own copy.
 */
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent } from 'undici';

/** Idle keep-alive connections close after this long (the subgraphs keep theirs open longer). */
const KEEP_ALIVE_MS = 10_000;

/**
 * The most a subgraph's answer may hold: twice the gateway's own answer (4 MiB, `RESPONSE_TOO_LARGE`),
 * for the keys and record attributes the gateway asks for besides what the consumer sees. The largest
 * answer the demo's providers give is about 100 kB (100 residents with four departments' fields). An
 * answer is read whole and parsed on the event loop, 8 MiB of JSON in 50–200 ms on a 2-core VM: a
 * provider answering more is cut off as it reaches the limit, and its items come back null with
 * `PROVIDER_UNAVAILABLE`, naming it.
 */
export const SUBGRAPH_ANSWER_MAX_BYTES = 8 * 1024 * 1024;

export interface PooledFetcher {
  fetch: Fetcher;
  close(): Promise<void>;
}

export function createPooledFetcher(): PooledFetcher {
  const agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, pipelining: 1, maxResponseSize: SUBGRAPH_ANSWER_MAX_BYTES });
  return {
    fetch: async (url, init = {}) => {
      const target = new URL(url);
      try {
        const answer = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: (init.method ?? 'GET') as 'GET',
          headers: init.headers ?? {},
          body: init.body ?? null,
          signal: init.signal,
        });
        return bufferedResponse(url, answer.statusCode, answer.headers, await answer.body.text());
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'UND_ERR_RES_EXCEEDED_MAX_SIZE') throw error;
        throw new Error(`its answer exceeded ${SUBGRAPH_ANSWER_MAX_BYTES / 1024 / 1024} MiB`, { cause: error });
      }
    },
    close: () => agent.close(),
  };
}

/** One process-wide client, as Node's global dispatcher is for its fetch. */
let shared: PooledFetcher | undefined;
export function sharedPooledFetcher(): PooledFetcher {
  return (shared ??= createPooledFetcher());
}

/** A response whose body has been read: `text()` and `json()` may be called by each reader, every `json()` parses anew. */
export function bufferedResponse(url: string, status: number, rawHeaders: Record<string, string | string[] | undefined>, body: string): FetcherResponse {
  const headers = new ResponseHeaders(rawHeaders);
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    headers,
    text: async () => body,
    json: async () => JSON.parse(body) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
    clone: () => bufferedResponse(url, status, rawHeaders, body),
  };
  return response;
}

class ResponseHeaders implements FetcherHeaders {
  readonly #map = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.#map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const current = this.#map.get(key);
    this.#map.set(key, current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), value);
  }
  entries(): Iterator<[string, string]> {
    return this.#map.entries();
  }
  keys(): Iterator<string> {
    return this.#map.keys();
  }
  values(): Iterator<string> {
    return this.#map.values();
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#map.entries();
  }
}
