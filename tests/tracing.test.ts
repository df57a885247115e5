/**
 * OpenTelemetry tracing: one consumer request is one trace, from the gateway's request span through
 * @apollo/gateway's planning and fetch spans to each subgraph's handling, carried by the W3C
 * `traceparent` header, down to the store's queries (`db.query`) on PGlite and PostgreSQL. An
 * OTLP/HTTP receiver in the test takes the JSON the exporter posts.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../platform/observe/tracing.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import type { TestPlatform } from './support/test-platform.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
}

const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

let receiver: Server;
const spans: ExportedSpan[] = [];
let tracing: Tracing;
let startTestPlatform: typeof import('./support/test-platform.ts').startTestPlatform;
beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.startsWith('application/json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> };
        for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as { port: number };
  tracing = startTracing({ serviceName: 'zhoucun-test', url: `http://127.0.0.1:${port}/v1/traces` });
  // Loaded only now: @apollo/gateway takes its tracer when it is loaded, as it is after scripts/start-tracing.ts.
  ({ startTestPlatform } = await import('./support/test-platform.ts'));
});
afterAll(async () => {
  await tracing?.shutdown();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe.each(STORE_BACKENDS)('tracing on %s', (_backend, createDatabase) => {
  let database: TestDatabase;
  let platform: TestPlatform;
  beforeAll(async () => {
    database = await createDatabase();
    platform = await startTestPlatform(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
  });
  afterAll(async () => {
    await platform?.close();
    await database?.drop();
  });

  it('when a consumer asks for items of two providers, then the gateway, its planning, its fetches and both subgraphs report spans of one trace', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    const answer = await consumer.query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
    expect(answer.status).toBe(200);
    await tracing.flush();

    const request = spans.find(
      (span) => span.name === 'POST /graphql' && span.attributes.some((a) => a.key === 'zhoucun.request_id' && a.value.stringValue === answer.requestId),
    );
    expect(request).toBeDefined();
    const trace = spans.filter((span) => span.traceId === request!.traceId);
    const names = trace.map((span) => span.name);
    expect(names).toEqual(
      expect.arrayContaining(['POST /graphql', 'gateway.request', 'gateway.plan', 'gateway.fetch', 'subgraph public-security', 'subgraph human-resources']),
    );
    // Each subgraph's span hangs under one of the gateway's fetch spans: the traceparent crossed the wire.
    const fetches = new Set(trace.filter((span) => span.name === 'gateway.fetch').map((span) => span.spanId));
    for (const subgraph of trace.filter((span) => span.name.startsWith('subgraph '))) expect(fetches.has(subgraph.parentSpanId ?? '')).toBe(true);
    // Every subgraph span carries the gateway's request id.
    for (const subgraph of trace.filter((span) => span.name.startsWith('subgraph '))) {
      expect(subgraph.attributes).toContainEqual({ key: 'zhoucun.request_id', value: { stringValue: answer.requestId } });
    }
  });

  it('when a consumer sends a malformed traceparent, then it is ignored and the request is served in a trace of its own', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    const answer = await consumer.query(`{ resident(citizenId: "${DEMO.resident}") { name } }`, undefined, { traceparent: `00-${'z'.repeat(5000)}-01` });
    expect(answer.status).toBe(200);
    await tracing.flush();
    const request = spans.find(
      (span) => span.name === 'POST /graphql' && span.attributes.some((a) => a.key === 'zhoucun.request_id' && a.value.stringValue === answer.requestId),
    );
    expect(request).toBeDefined();
    expect(request!.parentSpanId ?? '').toBe('');
  });

  it('when a consumer request is audited, then the store queries it waits for are db.query spans inside its trace, with statements and no values', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    const answer = await consumer.query(`{ resident(citizenId: "${DEMO.resident}") { name } }`);
    expect(answer.status).toBe(200);
    await tracing.flush();

    const request = spans.find((span) => span.name === 'POST /graphql' && attribute(span, 'zhoucun.request_id') === answer.requestId)!;
    const trace = new Map(spans.filter((span) => span.traceId === request.traceId).map((span) => [span.spanId, span]));
    const queries = [...trace.values()].filter((span) => span.name === 'db.query');
    // The group commit: one statement inserting the records (the subject log is their index).
    const auditInsert = queries.find((span) => /^insert into audit_records /.test(attribute(span, 'db.query.text') ?? ''));
    expect(auditInsert).toBeDefined();
    expect(auditInsert!.kind).toBe(3); // CLIENT
    expect(attribute(auditInsert!, 'db.system')).toBe('postgresql');
    // A child of the request: its parents lead to the request's span within the trace.
    let ancestor = auditInsert;
    while (ancestor && ancestor.spanId !== request.spanId) ancestor = trace.get(ancestor.parentSpanId ?? '');
    expect(ancestor).toBe(request);
    // Statements with placeholders only: neither the request id nor the citizen id the record was about.
    expect(attribute(auditInsert!, 'db.query.text')).toMatch(/\$1/);
    const exported = JSON.stringify(queries);
    expect(exported).not.toContain(answer.requestId);
    expect(exported).not.toContain(DEMO.resident);
  });

  it('when the governance subgraph answers a request, then its store queries are db.query spans under its subgraph span', async () => {
    const operator = platform.client({ dept: 'info-center', roles: ['consumer', 'platform-admin'] });
    const answer = await operator.query('{ departments { code } }');
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    await tracing.flush();

    const request = spans.find((span) => span.name === 'POST /graphql' && attribute(span, 'zhoucun.request_id') === answer.requestId)!;
    const trace = spans.filter((span) => span.traceId === request.traceId);
    const governance = trace.find((span) => span.name === 'subgraph info-center');
    expect(governance).toBeDefined();
    const reads = trace.filter((span) => span.name === 'db.query' && span.parentSpanId === governance!.spanId).map((span) => attribute(span, 'db.query.text'));
    expect(reads).toContainEqual(expect.stringMatching(/^select .* from "departments"/));
  });
});
