/** `npm run compose [-- --out <file>]`: writes the supergraph composed from the department subgraphs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../gateway/config.ts';
import { composeSupergraph, SupergraphRejectedError } from '../schema/compose-supergraph.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = readGatewayConfig();
const out = values.out ?? join(config.dataDir, 'supergraph.graphql');
try {
  const sdl = composeSupergraph(
    SUBGRAPHS.map((s) => ({ name: s.name, typeDefs: s.definition.typeDefs, url: config.subgraphUrls[s.name] ?? `http://127.0.0.1:${s.defaultPort}/graphql` })),
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, sdl);
  process.stdout.write(`Supergraph written to ${out}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof SupergraphRejectedError ? error.message : String(error)}\n`);
  process.exit(1);
}
