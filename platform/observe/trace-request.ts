/**
 * The span of one request a process handles, child of the caller's W3C `traceparent` when it sent a
 * well-formed one (the propagator ignores anything else). Without tracing configured the
 * OpenTelemetry API is a no-op and this costs next to nothing.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';

const tracer = trace.getTracer('zhoucun');

/** Runs `handle` inside a server span named `name`. */
export function traceRequest<T>(name: string, headers: IncomingHttpHeaders, attributes: Attributes, handle: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER, attributes }, parent, async (span) => {
    try {
      return await handle(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a server span that the caller ends (for servers whose handling cannot be wrapped, as Fastify hooks). */
export function startRequestSpan(name: string, headers: IncomingHttpHeaders, attributes: Attributes): Span {
  return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, propagation.extract(context.active(), headers));
}

/** The headers that carry the active trace to the next service (`traceparent`, `tracestate`). */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}
