/**
 * The logger of the request being handled, wherever in its handling a line is written. Fastify's
 * request logger carries the request id (`reqId`, the `X-Request-Id` the consumer gets), but Apollo
 * Server's `formatError`, its own `logger` and @apollo/gateway's run without the Fastify request at
 * hand: they ask here, and get that request's logger (an AsyncLocalStorage set around the handling
 * of `/graphql`), or the server's own outside any request (start-up, supergraph swaps).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';

/** What Apollo Server and @apollo/gateway call (their `Logger`): a message, or an error. */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

export interface RequestLog {
  /** Runs `handle` with `logger` (the Fastify request's) as the current request's logger. */
  run<T>(logger: FastifyBaseLogger, handle: () => T): T;
  /** The current request's logger, or the server's outside a request. */
  current(): FastifyBaseLogger;
  /** The `logger` option of Apollo Server and @apollo/gateway, writing through `current()`. */
  apollo: ApolloLogger;
}

export function createRequestLog(serverLog: FastifyBaseLogger): RequestLog {
  const store = new AsyncLocalStorage<FastifyBaseLogger>();
  const current = () => store.getStore() ?? serverLog;
  // pino takes an Error as its `err` field (stack kept in the log, never in a response), anything else as the message.
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => {
    if (message instanceof Error) current()[level]({ err: message }, message.message);
    else current()[level](String(message));
  };
  return {
    run: (logger, handle) => store.run(logger, handle),
    current,
    apollo: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
  };
}
