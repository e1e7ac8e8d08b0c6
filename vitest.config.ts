import { defineConfig } from 'vitest/config';

const unitTests = [
  'packages/*/{src,test}/**/*.test.ts',
  'services/*/{src,test}/**/*.test.ts',
  'test/deploy/**/*.test.ts',
  'test/lint/**/*.test.ts',
];
const integrationTests = [
  'packages/*/{src,test}/**/*.int.test.ts',
  'services/*/{src,test}/**/*.int.test.ts',
  'test/**/*.int.test.ts',
  'test/e2e/**/*.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test/artifacts/vitest-report.json' }]],
    // CI runners have 2 cores; integration files also share one Kafka, Redis and ClickHouse.
    maxWorkers: 2,
    minWorkers: 1,
    // A package without tests yet must not fail `pnpm test:unit`.
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: 'unit',
          include: unitTests,
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: integrationTests,
          exclude: ['**/node_modules/**', 'test/faults/**'],
          globalSetup: ['test/setup/infra.global.ts'],
          // Real brokers: consumer group joins and first ClickHouse queries take seconds, not milliseconds.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // kill -9 each service, restart Kafka and Redis: minutes long and CPU-hungry, so they
          // run after the other projects have finished.
          name: 'faults',
          include: ['test/faults/**/*.int.test.ts'],
          globalSetup: ['test/setup/infra.global.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
