import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { redactSecrets } from '../src/redact.js';

describe('redactSecrets', () => {
  it.each([
    { name: 'Redis password only', text: 'redis://:s3cret@cache:6379/0', shown: 'redis://:***@cache:6379/0' },
    {
      name: 'Redis user and password',
      text: 'rediss://app:s3cret@cache:6380',
      shown: 'rediss://app:***@cache:6380',
    },
    {
      name: 'ClickHouse in a sentence',
      text: 'connect http://default:s3cret@ch:8123 failed',
      shown: 'connect http://default:***@ch:8123 failed',
    },
    {
      name: 'Kafka SASL style',
      text: 'sasl://user:s3cret@broker:9092',
      shown: 'sasl://user:***@broker:9092',
    },
    {
      name: 'key in a query string',
      text: 'https://hooks.example/x?token=s3cret&a=1',
      shown: 'https://hooks.example/x?token=***&a=1',
    },
    { name: 'no credentials', text: 'http://127.0.0.1:8123', shown: 'http://127.0.0.1:8123' },
    { name: 'user without password', text: 'http://default@ch:8123', shown: 'http://default@ch:8123' },
  ])('$name', ({ text, shown }) => {
    expect(redactSecrets(text)).toBe(shown);
  });
});

describe('createLogger', () => {
  it('writes no password of a URL: in fields, nested fields, the message or an error', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 't', destination: { write: (line: string) => lines.push(line) } });
    logger.info(
      { redis: 'redis://:s3cret@cache:6379', clickhouse: { url: 'http://u:s3cret@ch:8123' } },
      'started',
    );
    logger.info('connecting to redis://:s3cret@cache:6379');
    logger.error({ err: new Error('connect ECONNREFUSED http://u:s3cret@ch:8123') }, 'failed');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain('s3cret');
    expect(lines.join('')).toContain('redis://:***@cache:6379');
  });
});
