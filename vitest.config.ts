import { defineConfig } from 'vitest/config';

// Unit and component tests live beside the code; cross-service tests (real HTTP, real servers) in tests/.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['policies/**/*.test.ts', 'schema/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['tests/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
