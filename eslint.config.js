// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        { group: ['fastify', '@apollo/server', '@apollo/gateway', 'mercurius*', 'redis', 'pg', '@electric-sql/*', '../gateway/*', '../subgraphs/*'], message: 'policies/ depends on no server, store or adapter' },
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'policies/ reads no environment' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass time in as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass time in as an argument' },
      ],
    },
  },
);
