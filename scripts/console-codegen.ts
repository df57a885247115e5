/**
 * `npm run console:codegen`: the console's typed GraphQL operations. Writes the API schema
 * (console/schema.graphql, see console-schema.ts), then graphql-codegen's client preset turns every
 * `graphql(...)` document in console/src into typed documents in console/src/gql/ (committed; a test
 * checks they match the schema and the documents). Documents are plain strings at run time
 * (`documentMode: 'string'`): the bundle carries no GraphQL parser.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { CONSOLE_SCHEMA_PATH, consoleApiSchema } from './console-schema.ts';

const root = new URL('..', import.meta.url).pathname;
const CONSOLE_GQL_DIR = join(root, 'console', 'src', 'gql');

const CONSOLE_CODEGEN_CONFIG: Types.Config = {
  schema: CONSOLE_SCHEMA_PATH,
  documents: [join(root, 'console/src/**/*.{ts,tsx}'), `!${join(CONSOLE_GQL_DIR, '**')}`],
  silent: true,
  generates: {
    [`${CONSOLE_GQL_DIR}/`]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', CitizenId: 'string', CreditCode: 'string', VerifyClaims: 'unknown' },
      },
    },
  },
};

/** The generated files by path, without writing them. */
export async function generateConsoleTypes(): Promise<Array<{ filename: string; content: string }>> {
  return (await generate(CONSOLE_CODEGEN_CONFIG, false)) as Array<{ filename: string; content: string }>;
}

if (import.meta.main) {
  writeFileSync(CONSOLE_SCHEMA_PATH, consoleApiSchema());
  for (const file of await generateConsoleTypes()) writeFileSync(file.filename, file.content);
  process.stdout.write(`Typed operations written to ${CONSOLE_GQL_DIR}\n`);
}
