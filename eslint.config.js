// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative import source reaching into `folder/` (at any depth of `../`), except the sources listed. */
function reachingInto(folder, except = []) {
  const allowed = except.length > 0 ? `(?!(?:${except.map(escape).join('|')})$)` : '';
  return `^${allowed}\\.{1,2}/(?:.*/)?${folder}/`;
}

const LAYER_MESSAGE = 'gateway/ and subgraphs/ never import each other: what both need lives in platform/';

/**
 * The imports between gateway/ and subgraphs/ that exist today, file by file. Each goes when
 * governance moves to subgraphs/info-center/ and the keys and department list to platform/; no
 * other may appear meanwhile (a file not listed may import neither way).
 */
const CROSS_IMPORTS = {
  // the gateway's public key set, verified by every subgraph (moves to platform/)
  'subgraphs/shared/create-subgraph-server.ts': ['../../gateway/key-set.ts'],
  'subgraphs/shared/verify-gateway-call.ts': ['../../gateway/key-set.ts'],
  // governance is a subgraph served beside the gateway (moves to subgraphs/info-center/)
  'gateway/governance/resolvers.ts': ['../../subgraphs/shared/define-resolvers.ts'],
  'gateway/governance/guard-governance-call.ts': ['../../subgraphs/shared/department.ts'],
  'gateway/governance/governance-subgraph.ts': ['../../subgraphs/shared/department.ts'],
  'gateway/start-gateway.ts': ['../subgraphs/shared/create-subgraph-server.ts'],
  // the signature's claims and body hash, shared by signer and verifier (move to platform/)
  'gateway/sign-subgraph-call.ts': ['../subgraphs/shared/verify-gateway-call.ts'],
  'gateway/sign-subgraph-call.test.ts': ['../subgraphs/shared/verify-gateway-call.ts'],
  // the department subgraphs the gateway composes
  'gateway/main.ts': ['../subgraphs/registry.ts'],
  // a real subgraph answering the signed data source
  'gateway/signed-data-source.test.ts': [
    '../subgraphs/public-security/plugin.ts',
    '../subgraphs/shared/create-subgraph-server.ts',
    '../subgraphs/shared/district.ts',
    '../subgraphs/shared/verify-gateway-call.ts',
  ],
};

const crossImportRule = (file) => {
  const into = file.startsWith('gateway/') ? 'subgraphs' : 'gateway';
  return ['error', { patterns: [{ regex: reachingInto(into, CROSS_IMPORTS[file] ?? []), message: LAYER_MESSAGE }] }];
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // policies/ is pure: time, grants and metadata come in as arguments (STYLE.md).
    files: ['policies/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'policies/ does no I/O' },
        { group: ['fastify', '@apollo/server', '@apollo/gateway', 'mercurius*', 'redis', 'pg', '@electric-sql/*', 'kysely'], message: 'policies/ depends on no server, store or adapter' },
        // The schema, the gateway and the subgraphs read policies/, never the other way round; rules
        // return verdicts and throw nothing, so they need no error registry either.
        { regex: reachingInto('(?:gateway|subgraphs|schema|platform|scripts|tests|bench)'), message: 'policies/ imports only libraries and other policies/ modules' },
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'policies/ reads no environment' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass time in as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass time in as an argument' },
      ],
    },
  },
  {
    // platform/ is the lowest layer: libraries and other platform/ modules only.
    files: ['platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: reachingInto('(?:gateway|subgraphs|schema|policies|scripts|tests|bench)'), message: 'platform/ imports only libraries and other platform/ modules' },
      ] }],
    },
  },
  { files: ['gateway/**/*.ts'], rules: { 'no-restricted-imports': crossImportRule('gateway/') } },
  { files: ['subgraphs/**/*.ts'], rules: { 'no-restricted-imports': crossImportRule('subgraphs/') } },
  ...Object.keys(CROSS_IMPORTS).map((file) => ({ files: [file], rules: { 'no-restricted-imports': crossImportRule(file) } })),
);
