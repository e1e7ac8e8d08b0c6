import type { InfraEndpoints } from '@faultline/infra';
import { ClickHouseContainer } from '@testcontainers/clickhouse';
import { KafkaContainer } from '@testcontainers/kafka';
import { RedisContainer } from '@testcontainers/redis';
import { getContainerRuntimeClient } from 'testcontainers';

const RUNTIME_CHECK_MS = 10_000;
// cp-kafka 7.9 ships Kafka 3.9, the version the local setup runs.
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const REDIS_IMAGE = 'redis:7.4-alpine';
const CLICKHOUSE_IMAGE = 'clickhouse/clickhouse-server:25.3-alpine';
/** The port KafkaContainer advertises to clients outside Docker. */
const KAFKA_CLIENT_PORT = 9093;

/** Starts Kafka, Redis and ClickHouse in containers; fails within seconds when there is no Docker engine. */
export async function startContainers(): Promise<{ endpoints: InfraEndpoints; stop: () => Promise<void> }> {
  await assertContainerRuntime();
  const [kafka, redis, clickhouse] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE).withKraft().start(),
    new RedisContainer(REDIS_IMAGE).start(),
    new ClickHouseContainer(CLICKHOUSE_IMAGE).start(),
  ]);
  return {
    endpoints: {
      kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(KAFKA_CLIENT_PORT)}`],
      redisUrl: redis.getConnectionUrl(),
      clickhouseUrl: clickhouse.getConnectionUrl(),
    },
    stop: async () => {
      await Promise.all([kafka.stop(), redis.stop(), clickhouse.stop()]);
    },
  };
}

async function assertContainerRuntime(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${RUNTIME_CHECK_MS / 1000} s`)),
      RUNTIME_CHECK_MS,
    );
  });
  try {
    await Promise.race([getContainerRuntimeClient(), timeout]);
  } catch (error) {
    throw new Error(
      `FAULTLINE_TEST_INFRA=containers needs a Docker engine (${(error as Error).message}); ` +
        'unset it to run Kafka, Redis and ClickHouse as local processes',
    );
  } finally {
    clearTimeout(timer);
  }
}
