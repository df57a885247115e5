import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships both CommonJS and ESM; Node (and so Apollo) loads the CommonJS build, and a second
    // copy in tests would make `instanceof` checks on schema types fail. Load the one Node loads.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // A test that asserts nothing cannot fail: vitest fails it.
    expect: { requireAssertions: true },
    // Unit and component tests live beside the code; cross-service tests (real HTTP, real servers) in tests/.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['platform/**/*.test.ts', 'policies/**/*.test.ts', 'schema/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts'],
        },
      },
      // The web console's own tests: its forms rendered in happy-dom, its translations against the registry.
      { extends: true, test: { name: 'console', include: ['console/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      {
        extends: true,
        // The browser tests need the built console: built here once per run when missing or stale.
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/support/console-global-setup.ts'],
        },
      },
    ],
  },
});
