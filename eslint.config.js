// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A relative import source reaching into one of the folders matched by `folders` (at any depth of `../`). */
const reachingInto = (folders) => `^\\.{1,2}/(?:.*/)?${folders}/`;

/**
 * The layers, lowest first: policies/ (pure decisions) ← platform/ (what every process shares: error
 * registry, store of record, keys, departments, grant-source port, call signature) ← schema/ ←
 * gateway/ and subgraphs/ (never each other) ← scripts/ (the launchers, the only place both meet).
 */
const layer = (folders, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ regex: reachingInto(folders), message }] }] });

export default tseslint.config(
  // console/src/gql is generated (npm run console:codegen) and checked against the schema by a test.
  { ignores: ['node_modules/**', '.data/**', 'coverage/**', 'console/dist/**', 'console/src/gql/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // policies/ is pure: time, grants and metadata come in as arguments (README, Code map).
    files: ['policies/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'policies/ does no I/O' },
            {
              group: ['fastify', '@apollo/server', '@apollo/gateway', 'mercurius*', 'redis', 'pg', '@electric-sql/*', 'kysely'],
              message: 'policies/ depends on no server, store or adapter',
            },
            // The schema, the gateway and the subgraphs read policies/, never the other way round; rules
            // return verdicts and throw nothing, so they need no error registry either.
            {
              regex: reachingInto('(?:gateway|subgraphs|schema|platform|scripts|tests|bench)'),
              message: 'policies/ imports only libraries and other policies/ modules',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'policies/ reads no environment' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass time in as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass time in as an argument' },
      ],
    },
  },
  {
    // platform/ sits on policies/ only: what every process shares.
    files: ['platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: reachingInto('(?:gateway|subgraphs|schema|scripts|tests|bench)'),
              message: 'platform/ imports only libraries, policies/ and other platform/ modules',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['schema/**/*.ts'],
    ignores: ['schema/**/*.test.ts'],
    rules: layer('(?:gateway|subgraphs|scripts|tests|bench)', 'schema/ imports only libraries, policies/ and platform/'),
  },
  {
    files: ['gateway/**/*.ts'],
    rules: layer('(?:subgraphs|scripts|tests|bench)', 'gateway/ never imports subgraphs/: what both need lives in platform/, and scripts/ launches both'),
  },
  {
    // The web console runs in the browser and speaks only the public GraphQL API: it shares pure rules
    // (policies/) and the registry's data (platform/departments.ts), never a server's code.
    files: ['console/src/**/*.{ts,tsx}'],
    rules: layer('(?:gateway|subgraphs|schema|scripts|tests|bench|store)', 'console/ imports only libraries, policies/ and platform/ data'),
  },
  {
    files: ['subgraphs/**/*.ts'],
    rules: layer('(?:gateway|scripts|tests|bench)', 'subgraphs/ never import gateway/: what both need lives in platform/, and scripts/ launches both'),
  },
);
