/**
 * OpenTelemetry tracing of one process, off unless configured (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER=otlp`): a tracer provider with the
 * OTLP/HTTP (JSON) exporter, registered globally with an AsyncLocalStorage context and the W3C
 * `traceparent` propagator. @apollo/gateway's own spans (request, plan, fetch) then land in the same
 * trace as the gateway's and the subgraphs'. The exporter reads the other `OTEL_EXPORTER_OTLP_*`
 * settings (headers, timeout) itself, as the specification names them.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface Tracing {
  /** Sends what is buffered (tests, and before exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces, as the OpenTelemetry specification names its variables. */
export function isTracingConfigured(env: NodeJS.ProcessEnv): boolean {
  const exporter = env['OTEL_TRACES_EXPORTER'];
  if (exporter === 'none') return false;
  return exporter === 'otlp' || Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

/** Starts tracing for this process under `serviceName`; `url` overrides the exporter's (tests). */
export function startTracing(options: { serviceName: string; url?: string }): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(options.url ? { url: options.url } : {}), scheduledDelayMillis: 1_000 })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
