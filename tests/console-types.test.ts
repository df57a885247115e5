/**
 * The console's generated GraphQL types are the ones its documents and the composed supergraph give
 * now: console/schema.graphql is the API schema `npm run console:schema` prints, and every file in
 * console/src/gql/ is what `npm run console:codegen` writes. A change to a subgraph's schema or to
 * an operation of the console without regenerating fails here (and the console's `tsc` then checks
 * the pages against the new types).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateConsoleTypes } from '../scripts/console-codegen.ts';
import { CONSOLE_SCHEMA_PATH, consoleApiSchema } from '../scripts/console-schema.ts';

describe("the console's generated types", () => {
  it('when the supergraph is composed now, then its API schema is the committed console/schema.graphql', () => {
    expect(readFileSync(CONSOLE_SCHEMA_PATH, 'utf8')).toBe(consoleApiSchema());
  });

  it('when codegen runs on the committed schema and the console documents, then it writes exactly the committed console/src/gql files', async () => {
    const files = await generateConsoleTypes();
    expect(files.map((file) => file.filename.replace(/.*\/console\/src\/gql\//, '')).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
    for (const file of files) expect(readFileSync(file.filename, 'utf8'), file.filename).toBe(file.content);
  });
});
