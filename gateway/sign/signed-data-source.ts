/**
 * The data source for one subgraph: Apollo's own, signing each call over the body it sends. Apollo
 * serialises the request after `willSendRequest`, so the signature is made in the fetcher, over the
 * very string that goes on the wire; the consumer reaches the fetcher through `process`, the entry
 * point of Apollo's data-source interface.
 *
 * Identical query calls in flight at once share one HTTP call, as Apollo Router de-duplicates
 * them: same subgraph, same consumer identity and purpose (everything the signature names) and the
 * same body bytes. Consumers whose pruned operations differ send different bodies and never share;
 * mutations are never shared. Each sharer receives its own copy of the buffered answer. A caller
 * that may abandon its call (the open-case question) shares it too: the shared call is cancelled
 * only once every caller waiting on it has abandoned it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { countCall } from '../audit/count-served.ts';
import { collectSubjects } from '../audit/collect-subjects.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { sharedPooledFetcher } from './pooled-fetcher.ts';
import { traceHeaders } from '../../platform/observe/trace-request.ts';
import type { GatewayMetrics } from '../observe/gateway-metrics.ts';
import { AbandonedCallError, createSubgraphGuard, ProviderUnavailableError, type SubgraphGuard, type SubgraphGuardOptions } from './subgraph-guard.ts';
import type { CallIdentity, SignSubgraphCall } from './sign-subgraph-call.ts';

/** How subgraph calls are sent; the defaults serve, the others exist for benchmark baselines. */
export interface SubgraphCallOptions {
  /** The HTTP client; default the process-wide pooled client (pooled-fetcher.ts). Its responses must be clonable after they resolve. */
  send?: Fetcher;
  /** Share identical query calls in flight; default true. */
  deduplicate?: boolean;
  /** Timeout and circuit breaker of each subgraph's calls (subgraph-guard.ts); default DEFAULT_SUBGRAPH_GUARD. */
  guard?: SubgraphGuardOptions | undefined;
}

/** A query operation (shorthand or `query`): the only calls that may be shared. */
const QUERY_OPERATION = /^\s*(?:query\b|\{)/;

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #subgraph: string;
  readonly #sign: SignSubgraphCall;
  readonly #send: Fetcher;
  readonly #deduplicate: boolean;
  readonly #guard: SubgraphGuard;
  /** The guard of calls that may be abandoned (the open-case question), with a breaker of its own. */
  readonly #questionGuard: SubgraphGuard;
  readonly #caller = new AsyncLocalStorage<{ identity: CallIdentity; shareable: boolean; requestId: string; abandon: AbortSignal | undefined }>();
  readonly #inFlight = new Map<string, SharedCall>();

  constructor(options: { name: string; url: string; sign: SignSubgraphCall; metrics?: GatewayMetrics | undefined } & SubgraphCallOptions) {
    super({ url: options.url });
    this.#subgraph = options.name;
    this.#sign = options.sign;
    this.#send = options.send ?? sharedPooledFetcher().fetch;
    this.#deduplicate = options.deduplicate ?? true;
    this.#guard = createSubgraphGuard(options.name, options.guard, options.metrics);
    // A question past its 2 s says the question hangs, not that the subgraph's data calls do: its failures open only its own breaker.
    this.#questionGuard = createSubgraphGuard(options.name, options.guard, options.metrics, `${options.name}/open-cases`);
    this.fetcher = (url, init) => this.#signedFetch(url, init);
    // Apollo's `sendRequest` (private to it, called by `process`) builds a node-fetch Request for every call
    // (a legacy URL parse, headers, a body) only to hand it to `didEncounterError` should the call fail: about
    // 40 µs a call under load (4 % of the gateway's work for a read of 100 residents). Ours sends the same request
    // without it (tests/signed-data-source.test.ts fails should Apollo's `process` stop calling it: failed calls
    // would go uncounted; and another there names the version it was compared with, 2.14.4).
    Object.assign(this, { sendRequest: (request: GatewayGraphQLRequest, context: GatewayContext) => this.#sendRequest(request, context) });
  }

  /** `abandon`: the caller stops waiting when it aborts; the call is cancelled once no other caller waits on it. */
  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    abandon?: AbortSignal,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const context = 'context' in options ? options.context : undefined;
    // Every call runs for an authenticated consumer; a call without one is a fault, never signed nor sent.
    if (!context?.consumer) return Promise.reject(new Error(`refusing to sign a call to ${this.#subgraph} without an authenticated consumer`));
    const identity = { app: context.consumer.app, dept: context.consumer.dept, roles: context.consumer.roles, purpose: context.use.purpose };
    const shareable = this.#deduplicate && String(options.kind) === 'incoming operation' && QUERY_OPERATION.test(options.request.query ?? '');
    // A provider that brought no answer is an answer of errors: @apollo/gateway then leaves its items null and
    // names the subgraph (PROVIDER_UNAVAILABLE), where a thrown error would fail the whole operation unnamed.
    return this.#caller
      .run({ identity, shareable, requestId: context.requestId, abandon }, () => super.process(options))
      .catch((error: unknown) => {
        if (!(error instanceof ProviderUnavailableError)) throw error;
        return { errors: [{ message: error.message, extensions: { code: 'PROVIDER_UNAVAILABLE' } }] };
      });
  }

  async #signedFetch(url: string, init: FetcherRequestInit = {}): ReturnType<Fetcher> {
    const call = this.#caller.getStore();
    if (!call || typeof init.body !== 'string') throw new Error(`refusing to send an unsigned call to ${this.#subgraph}`);
    const { identity } = call;
    const body = init.body;
    // Neither header is signed, and neither carries authority: the request id and the trace context only correlate
    // logs and spans (a shared call carries the first caller's).
    init = { ...init, headers: { ...init.headers, 'x-request-id': call.requestId, ...traceHeaders() } };
    if (!call.shareable) return this.#signAndSend(url, init, identity, body, call.abandon);
    const key = `${url}\n${identity.app}\n${identity.dept}\n${identity.roles.join(',')}\n${identity.purpose ?? ''}\n${body}`;
    let shared = this.#inFlight.get(key);
    if (!shared) {
      // Only a call its first caller may abandon can be cancelled; a caller that never abandons keeps it going.
      const cancel = call.abandon ? new AbortController() : undefined;
      const response = this.#signAndSend(url, init, identity, body, cancel?.signal);
      const started: SharedCall = { response, cancel, waiting: 0, subgraph: this.#subgraph };
      this.#inFlight.set(key, started);
      const settled = () => void this.#inFlight.delete(key);
      response.then(settled, settled);
      shared = started;
    }
    const entry = shared;
    // A cancelled call is forgotten at once: a caller arriving after it starts a call of its own.
    const abandoned = waitOn(entry, call.abandon, () => this.#inFlight.get(key) === entry && this.#inFlight.delete(key));
    // A caller that abandons stops waiting at once (its call is counted now, in its operation's audit record),
    // while the call goes on for the others.
    return (await (abandoned ? Promise.race([entry.response, abandoned]) : entry.response)).clone();
  }

  async #signAndSend(url: string, init: FetcherRequestInit, identity: CallIdentity, body: string, abandon?: AbortSignal): ReturnType<Fetcher> {
    const token = await this.#sign(this.#subgraph, identity, body);
    const guard = abandon ? this.#questionGuard : this.#guard;
    return guard.run((signal) => this.#send(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, signal }), abandon);
  }

  /** Counts what the provider answered, for the operation's audit record (see count-served.ts). */
  override didReceiveResponse({
    response,
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    countCall(context.served, this.#subgraph, response.data);
    collectSubjects(context.subjects, this.#subgraph, request, response.data);
    return response;
  }

  /**
   * Apollo's `sendRequest` (RemoteGraphQLDataSource, @apollo/gateway 2.14) without the node-fetch Request:
   * the same body and headers, an answer other than 2xx an error as Apollo makes it, a body that is not a
   * JSON object an error. A call that failed is still a call made; it returned nothing.
   */
  async #sendRequest(request: GatewayGraphQLRequest, context: GatewayContext): Promise<GatewayGraphQLResponse> {
    if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
    const { http, ...withoutHttp } = request;
    const init: FetcherRequestInit = { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(withoutHttp) };
    try {
      const response = await this.fetcher(http.url, init);
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, undefined, context);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
      return { ...body, http: response };
    } catch (error) {
      countCall(context.served, this.#subgraph, undefined);
      throw error;
    }
  }
}

/** One HTTP call in flight and the callers waiting on it. */
interface SharedCall {
  response: Promise<FetcherResponse>;
  /** Cancels the call; absent when its first caller could not abandon it. */
  cancel: AbortController | undefined;
  /** Callers still waiting; one that cannot abandon is never subtracted, so the call goes on for it. */
  waiting: number;
  subgraph: string;
}

/**
 * Counts a caller in; when it abandons and was the last one waiting, the call is cancelled (`onCancel`
 * first). Answers, for a caller that may abandon, a promise rejected when it does.
 */
function waitOn(shared: SharedCall, abandon: AbortSignal | undefined, onCancel: () => void): Promise<never> | undefined {
  shared.waiting += 1;
  if (!abandon) return undefined;
  return new Promise<never>((_resolve, reject) => {
    const leave = () => {
      reject(new AbandonedCallError(shared.subgraph, abandon.reason));
      shared.waiting -= 1;
      if (shared.waiting > 0 || !shared.cancel) return;
      onCancel();
      shared.cancel.abort();
    };
    if (abandon.aborted) return leave();
    abandon.addEventListener('abort', leave, { once: true });
    // The listener goes with the call: a long-lived signal does not keep answers alive.
    shared.response.then(
      () => abandon.removeEventListener('abort', leave),
      () => abandon.removeEventListener('abort', leave),
    );
  });
}
