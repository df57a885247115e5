import { defineConfig } from 'vitest/config';

/**
 * Integration files that need modules loaded fresh: tracing installs OpenTelemetry's global provider
 * before @apollo/gateway is loaded, as `scripts/start-tracing.ts` does; the audit partition tests watch
 * `node:fs` (`vi.mock`), which only the modules a file loads itself see.
 */
const ISOLATED_INTEGRATION = ['tests/tracing.test.ts', 'tests/audit-partitions.test.ts'];

export default defineConfig({
  resolve: {
    // graphql ships both CommonJS and ESM; Node (and so Apollo) loads the CommonJS build, and a second
    // copy in tests would make `instanceof` checks on schema types fail. Load the one Node loads.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // A test that asserts nothing cannot fail: vitest fails it.
    expect: { requireAssertions: true },
    // Two files at a time: most of an integration file's time is spent waiting on sockets, stores and
    // timers, so two share the machine's cores without slowing each other much.
    maxWorkers: 2,
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
          exclude: ISOLATED_INTEGRATION,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/support/console-global-setup.ts'],
          // Files share their worker's loaded modules (PGlite's compiled WebAssembly, Apollo, the
          // subgraphs): each file still starts and stops its own platform, stores and servers.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'integration-isolated', include: ISOLATED_INTEGRATION, testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
