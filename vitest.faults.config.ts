import { defineConfig } from 'vitest/config';

/**
 * Fault tests: kill -9 each service mid-stream, restart Kafka and Redis. Minutes long, so apart
 * from `pnpm test` until they pass reliably: `pnpm test:faults`.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.int.test.ts'],
    globalSetup: ['test/setup/infra.global.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
