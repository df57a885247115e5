/**
 * `npm run publish -- --subgraph <dept> --sdl <schema.graphql> [--url http://…] [--dry-run] [--reason …]
 *   [--gateway http://127.0.0.1:4000/graphql] [--token … | GATEWAY_TOKEN]`
 *
 * Publishes a department's subgraph through the gateway's `publishSubgraph` mutation, with the
 * token of that department's sharing administrator (or the operator's). Prints one line per check
 * result; exits 0 only when the version was published (1 when refused or a dry run, 2 on misuse).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE =
  'Usage: npm run publish -- --subgraph <dept> --sdl <schema.graphql> [--url http://…] [--dry-run] [--reason …] [--gateway http://127.0.0.1:4000/graphql] [--token …]';
const MUTATION = `mutation($name: String!, $sdl: String!, $url: String, $dryRun: Boolean, $reason: String) {
  publishSubgraph(name: $name, sdl: $sdl, url: $url, dryRun: $dryRun, reason: $reason) { name version published dryRun checks { check passed lines } } }`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n${code === 2 ? `${USAGE}\n` : ''}`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      subgraph: { type: 'string' },
      sdl: { type: 'string' },
      url: { type: 'string' },
      'dry-run': { type: 'boolean' },
      reason: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (!values.subgraph) fail('--subgraph is required (the department code)');
if (!values.sdl) fail('--sdl is required (the path of the subgraph schema)');
const token = values.token ?? process.env['GATEWAY_TOKEN'];
if (!token) fail('a token is required: --token or GATEWAY_TOKEN (npm run token -- --dept <dept> --roles consumer,provider-admin)');
let sdl: string;
try {
  sdl = readFileSync(values.sdl, 'utf8');
} catch (error) {
  fail(`cannot read ${values.sdl}: ${(error as Error).message}`);
}

type Answer = {
  data?: {
    publishSubgraph?: {
      name: string;
      version: number;
      published: boolean;
      dryRun: boolean;
      checks: Array<{ check: string; passed: boolean; lines: string[] }>;
    };
  };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};
let answer: Answer;
try {
  const response = await fetch(values.gateway ?? 'http://127.0.0.1:4000/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: MUTATION,
      variables: { name: values.subgraph, sdl, url: values.url ?? null, dryRun: values['dry-run'] ?? false, reason: values.reason ?? null },
    }),
  });
  answer = (await response.json()) as Answer;
} catch (error) {
  fail(`the gateway did not answer: ${(error as Error).message}`, 1);
}
const result = answer.data?.publishSubgraph;
if (!result) fail(`refused: ${(answer.errors ?? []).map((error) => `${error.extensions?.code ?? 'ERROR'} ${error.message}`).join('; ')}`, 1);
for (const check of result.checks) {
  for (const line of check.lines) process.stdout.write(`${check.passed ? 'PASS' : 'FAIL'} ${check.check}: ${line}\n`);
}
const outcome = result.published ? 'published' : result.dryRun ? 'dry run: every check ran, nothing was published' : 'refused: nothing was published';
process.stdout.write(`${result.name} version ${result.version}: ${outcome}\n`);
process.exit(result.published ? 0 : 1);
