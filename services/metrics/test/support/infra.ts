import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export function infraEndpoints() {
  const provided = inject('infra');
  return {
    kafkaBrokers: provided?.kafkaBrokers?.length
      ? provided.kafkaBrokers
      : (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clickhouseUrl: provided?.clickhouseUrl ?? process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
  };
}

/** A name no other test run uses (topics, groups, databases). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
