/**
 * `npm run docs -- [--out docs/interfaces] [--gateway http://127.0.0.1:4000/graphql] [--token … | GATEWAY_TOKEN]`
 *
 * Writes the interface documentation of every registered department (周政发〔2018〕6号 art. 20) as
 * Markdown, one file per department (`<code>.md`), as the running platform's `interfaceDocs` query
 * gives it. Without a token, one of the demo issuer is used (the operator's, as a consumer).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../gateway/config.ts';
import { ensureDemoKeyPair } from '../platform/keys.ts';
import { issueToken } from './issue-token.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, gateway: { type: 'string' }, token: { type: 'string' } } });
const out = values.out ?? 'docs/interfaces';
const gateway = values.gateway ?? 'http://127.0.0.1:4000/graphql';
const token =
  values.token ??
  process.env['GATEWAY_TOKEN'] ??
  (await issueToken((await ensureDemoKeyPair(readGatewayConfig().dataDir, 'token-issuer')).privateKey, { dept: 'info-center', app: 'interface-docs' }));

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data) throw new Error(body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

try {
  const { departments } = await query<{ departments: Array<{ code: string }> }>('{ departments { code } }');
  mkdirSync(out, { recursive: true });
  for (const { code } of departments) {
    const { interfaceDocs } = await query<{ interfaceDocs: string }>('query($d: String!) { interfaceDocs(department: $d) }', { d: code });
    writeFileSync(join(out, `${code}.md`), `${interfaceDocs}\n`);
    process.stdout.write(`${join(out, `${code}.md`)}\n`);
  }
} catch (error) {
  process.stderr.write(`The documentation was not written: ${(error as Error).message}\n`);
  process.exit(1);
}
