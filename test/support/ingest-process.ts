import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { TestAccess } from './access.js';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

const ingestMain = fileURLToPath(new URL('../../services/ingest/src/server.ts', import.meta.url));

export interface IngestProcess {
  url: string;
  /** The owner's token (admin API), from the process's own access topic. */
  ownerToken: string;
  /** Writes more credentials the process sees. */
  access: TestAccess;
  /** Stops the process and deletes its Redis keys. */
  stop(): Promise<void>;
}

/**
 * The real ingest as `pnpm start` runs it, on its own port, topic prefix (its access topic
 * holding an owner token) and Redis key prefix, for tests of what talks to its HTTP API.
 */
export async function startIngestProcess(infra: {
  kafkaBrokers: string[];
  redisUrl: string;
}): Promise<IngestProcess> {
  const run = randomBytes(4).toString('hex');
  const prefix = `test-ingest-process-${run}`;
  const access = await TestAccess.start({ topicPrefix: `${prefix}.`, brokers: infra.kafkaBrokers });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ingestMain], {
    env: {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      FAULTLINE_TOPIC_PREFIX: `${prefix}.`,
      FAULTLINE_REDIS_KEY_PREFIX: `${prefix}:`,
      FAULTLINE_HTTP_PORT: String(port),
      FAULTLINE_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  await waitFor(
    async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true,
    90_000,
    'ingest to answer',
  );
  return {
    url,
    ownerToken: access.owner.secret,
    access,
    async stop() {
      child.kill('SIGTERM');
      await access.stop();
      const redis = new Redis(infra.redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
