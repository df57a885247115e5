/**
 * A gateway process told to stop (SIGTERM, as Kubernetes and Docker stop containers) drains: `/readyz`
 * answers 503 at once, new connections are refused after the grace, the request in flight finishes
 * with its answer and its audit record, and the process exits 0. A real child process
 * (`scripts/gateway.ts`) on real PostgreSQL, in front of real subgraphs; the slow request is held
 * at a proxy in front of one provider until the test lets it go.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoKeyPair, type KeyPair } from '../platform/keys.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { startGatewayProcess } from './support/gateway-process.ts';
import { rawRequest } from './support/raw-http.ts';

/** A proxy in front of a subgraph that holds every call until released, and says when one arrived. */
async function startHoldingProxy(target: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      arrived();
      await released;
      const answer = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, held, release, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('SIGTERM drain', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-drain-'));
  const subgraphs: FastifyInstance[] = [];
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
  let gateway: { url: string; child: ChildProcess };
  let issuer: KeyPair;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    issuer = await ensureDemoKeyPair(dataDir, 'token-issuer');
    const signing = await ensureDemoKeyPair(dataDir, 'gateway-signing');
    const urls: string[] = [];
    for (const subgraph of SUBGRAPHS) {
      const app = await createSubgraphServer(subgraph.definition, { gatewayKeys: signing.publicKey });
      subgraphs.push(app);
      const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
      if (subgraph.name === 'public-security') proxy = await startHoldingProxy(url);
      urls.push(`${subgraph.name}=${subgraph.name === 'public-security' ? proxy.url : url}`);
    }
    // The grace outlasts a readiness probe of the held provider (up to 1 s), so a probe sent while the
    // signal is handled still finds the drain's own answer before connections are refused.
    gateway = await startGatewayProcess(dataDir, { DATABASE_URL: database.databaseUrl!, SUBGRAPH_URLS: urls.join(','), DRAIN_GRACE_MS: '2500' });
  });
  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    proxy?.release();
    await proxy?.close();
    await Promise.all(subgraphs.map((app) => app.close()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when SIGTERM arrives with a request in flight, then readiness goes 503, new connections are refused, the request completes with 200 and its audit record, and the process exits 0', async () => {
    const origin = new URL(gateway.url).origin;
    const token = await issueToken(issuer.privateKey, { dept: 'civil-affairs', app: 'drain-test' });
    const slow = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
      body: JSON.stringify({ query: `{ resident(citizenId: "${DEMO.resident}") { name } }` }),
    });
    await proxy.held;
    const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
    gateway.child.kill('SIGTERM');

    const readiness = await waitFor(async () => {
      const answer = await rawRequest(origin, { method: 'GET', target: '/readyz' });
      // Before the signal is handled, readiness may already be 503 for the held provider (its probe
      // goes through the holding proxy too): wait for the drain's own answer.
      return answer.status === 503 && (JSON.parse(answer.body) as { draining?: unknown }).draining === true ? answer : undefined;
    });
    expect(JSON.parse(readiness.body)).toEqual({ ready: false, draining: true });
    const refused = await waitFor(() =>
      rawRequest(origin, { method: 'GET', target: '/healthz' }).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => error,
      ),
    );
    // Refused: no listener (ECONNREFUSED), or a connection the kernel queued in the instant the listener closed,
    // reset unaccepted (ECONNRESET). Neither reaches the gateway.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refused.code);
    expect(gateway.child.exitCode).toBeNull();

    proxy.release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { resident: { name: expect.any(String) } } });
    expect(await exited).toBe(0);

    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    try {
      const rows = await client.query('SELECT outcome FROM audit_records WHERE request_id = $1', [response.headers.get('x-request-id')]);
      expect(rows.rows).toEqual([{ outcome: 'SERVED' }]);
    } finally {
      await client.end();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('did not happen in time');
}
