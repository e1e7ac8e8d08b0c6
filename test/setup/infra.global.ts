import { ensureInfra, stopInfra } from '@faultline/infra';
import type { TestProject } from 'vitest/node';

/**
 * Integration tests get Kafka, Redis and ClickHouse endpoints through `inject('infra')`.
 * FAULTLINE_TEST_INFRA=local (default): local processes via @faultline/infra, reusing whatever already
 * answers (a developer's `pnpm infra up`, or KAFKA_BROKERS/REDIS_URL/CLICKHOUSE_URL) and stopping only
 * what this run started. FAULTLINE_TEST_INFRA=containers: throwaway testcontainers (needs a Docker engine).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mode = process.env.FAULTLINE_TEST_INFRA || 'local';
  if (mode === 'containers') {
    // Loaded only here: testcontainers is heavy and pointless without a Docker engine.
    const { startContainers } = await import('./containers.js');
    const containers = await startContainers();
    project.provide('infra', containers.endpoints);
    return containers.stop;
  }
  if (mode !== 'local') throw new Error(`FAULTLINE_TEST_INFRA=${mode}: expected local or containers`);
  const { started, ...endpoints } = await ensureInfra({ log: (line) => console.log(`[infra] ${line}`) });
  project.provide('infra', endpoints);
  return async () => {
    await stopInfra(started);
  };
}
