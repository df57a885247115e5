/**
 * The gateway as a complete federation gateway on any supergraph: fields a supergraph carries no
 * share metadata for are denied, unless the operator explicitly treats them as UNCONDITIONAL.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print, visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryGrantSource } from '../platform/grant-source.ts';
import { createGateway, readSupergraphFile } from '../gateway/create-gateway.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let supergraphPath: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  supergraphPath = join(mkdtempSync(join(tmpdir(), 'zhoucun-supergraph-')), 'supergraph.graphql');
  // A supergraph composed elsewhere, without any share metadata.
  const withoutShare = visit(parse(platform.supergraphSdl), { Directive: (node) => (node.name.value === 'share' ? null : undefined) });
  writeFileSync(supergraphPath, print(withoutShare));
});
afterAll(async () => {
  await platform?.close();
});

async function queryThrough(undeclaredFields: 'deny' | 'unconditional') {
  const gateway = await createGateway({
    supergraphSdl: readSupergraphFile(supergraphPath),
    departments: DEPARTMENT_CODES,
    tokenPublicKey: platform.tokenIssuer.publicKey,
    gatewaySigningKey: platform.gatewaySigning.privateKey,
    grants: createMemoryGrantSource([]),
    undeclaredFields,
    logLevel: 'silent',
  });
  try {
    const url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs' });
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'WORK_REFERENCE' },
      body: JSON.stringify({ query: `{ resident(citizenId: "${DEMO.resident}") { name } }` }),
    });
    return (await response.json()) as { data: unknown; errors?: Array<{ extensions: Record<string, unknown> }> };
  } finally {
    await gateway.close();
  }
}

describe('running on a supergraph file', () => {
  it('when fields carry no share metadata, then they are denied by default', async () => {
    const body = await queryThrough('deny');
    expect(body.data).toEqual({ resident: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', field: 'Query.resident', shareType: 'UNDECLARED' });
  });

  it('when the operator treats undeclared fields as UNCONDITIONAL, then they are served', async () => {
    const body = await queryThrough('unconditional');
    expect(body).toEqual({ data: { resident: { name: '王淑芬' } } });
  });

  it('when the supergraph file cannot be read, then the start fails naming the file', () => {
    expect(() => readSupergraphFile('/nonexistent/supergraph.graphql')).toThrow(/Cannot read the supergraph file \/nonexistent\/supergraph.graphql/);
  });
});

describe('readiness', () => {
  it('when every subgraph answers, then /readyz is 200 and lists them', async () => {
    const response = await fetch(platform.gatewayUrl.replace('/graphql', '/readyz'));
    const body = (await response.json()) as {
      ready: boolean;
      subgraphs: Array<{ name: string; ready: boolean }>;
      stores: Array<{ name: string; ready: boolean }>;
    };
    expect(response.status).toBe(200);
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual([
      'approval',
      'civil-affairs',
      'human-resources',
      'info-center',
      'market-regulation',
      'natural-resources',
      'public-security',
    ]);
    expect(body.stores).toEqual([{ name: 'store', ready: true }]);
  });
});
