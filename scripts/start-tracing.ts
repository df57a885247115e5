/**
 * Imported first by the launchers (`import './start-tracing.ts'` before anything else): tracing must be
 * registered before @apollo/gateway is loaded, because it takes its tracer once, at load. On when
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER=otlp`
 * is set; the service is `OTEL_SERVICE_NAME`, default `zhoucun-<launcher>`. (The one read of the
 * environment outside the configs: it has to happen before they are loaded.)
 */
import { basename } from 'node:path';
import { isTracingConfigured, startTracing, type Tracing } from '../platform/observe/tracing.ts';

const launcher = basename(process.argv[1] ?? 'process').replace(/\.ts$/, '');

export const tracing: Tracing | undefined = isTracingConfigured(process.env)
  ? startTracing({ serviceName: process.env['OTEL_SERVICE_NAME'] || `zhoucun-${launcher}` })
  : undefined;
