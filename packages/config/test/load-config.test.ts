import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  ClickHouseConfig,
  ConfigError,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  loadConfig,
  RedisConfig,
} from '../src/index.js';

const ServiceConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    redis: RedisConfig,
    clickhouse: ClickHouseConfig,
    http: HttpConfig(8080),
    maxBodyBytes: Type.Integer({ minimum: 1, default: 1_048_576 }),
    sampling: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fl-config-')), name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the local defaults with an empty environment', () => {
    const config = loadConfig(ServiceConfig, { env: {} });
    expect(config.kafka).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'faultline',
      topicPrefix: 'faultline.',
      partitions: {},
    });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.clickhouse.url).toBe('http://127.0.0.1:8123');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.log.level).toBe('info');
  });

  it.each([
    {
      id: 'conventional name',
      env: { KAFKA_BROKERS: 'a:9092, b:9093' },
      path: ['kafka', 'brokers'],
      want: ['a:9092', 'b:9093'],
    },
    { id: 'generated name', env: { FAULTLINE_HTTP_PORT: '9000' }, path: ['http', 'port'], want: 9000 },
    { id: 'camelCase key', env: { FAULTLINE_MAX_BODY_BYTES: '10' }, path: ['maxBodyBytes'], want: 10 },
    { id: 'boolean', env: { FAULTLINE_SAMPLING: 'yes' }, path: ['sampling'], want: true },
    {
      id: 'JSON object',
      env: { FAULTLINE_KAFKA_PARTITIONS: '{"errors.raw":12}' },
      path: ['kafka', 'partitions'],
      want: { 'errors.raw': 12 },
    },
    {
      id: 'URL',
      env: { REDIS_URL: 'redis://cache:6380' },
      path: ['redis', 'url'],
      want: 'redis://cache:6380',
    },
    {
      id: 'Redis Cluster seed nodes',
      env: { FAULTLINE_REDIS_CLUSTER_NODES: 'redis-0:6379, redis-1:6379' },
      path: ['redis', 'clusterNodes'],
      want: ['redis-0:6379', 'redis-1:6379'],
    },
  ])('reads $id from the environment', ({ env, path, want }) => {
    const config = loadConfig(ServiceConfig, { env }) as unknown as Record<string, Record<string, unknown>>;
    const got =
      path.length === 1 ? config[path[0] as string] : config[path[0] as string]?.[path[1] as string];
    expect(got).toEqual(want);
  });

  it('lets the environment override the file, and the file override defaults', () => {
    const file = tempFile(
      'c.yaml',
      'http:\n  port: 7000\n  host: 0.0.0.0\nclickhouse:\n  database: history\n',
    );
    const config = loadConfig(ServiceConfig, { env: { FAULTLINE_HTTP_PORT: '7001' }, file });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 7001 });
    expect(config.clickhouse.database).toBe('history');
  });

  it('reads the file named by FAULTLINE_CONFIG', () => {
    const file = tempFile('c.json', '{"sampling": true}');
    expect(loadConfig(ServiceConfig, { env: { FAULTLINE_CONFIG: file } }).sampling).toBe(true);
  });

  it.each([
    {
      id: 'a non-number port',
      env: { FAULTLINE_HTTP_PORT: 'eighty' },
      want: 'http.port: must be integer [from env FAULTLINE_HTTP_PORT]',
    },
    { id: 'a port out of range', env: { FAULTLINE_HTTP_PORT: '70000' }, want: 'http.port' },
    { id: 'a broker without port', env: { KAFKA_BROKERS: 'localhost' }, want: 'kafka.brokers.0' },
    { id: 'a bad Redis URL', env: { REDIS_URL: 'http://x' }, want: 'redis.url' },
    {
      id: 'a cluster node without port',
      env: { FAULTLINE_REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1' },
      want: 'redis.clusterNodes.1: must match pattern',
    },
    { id: 'an unknown log level', env: { LOG_LEVEL: 'loud' }, want: 'log.level' },
  ])('names the key and its source for $id', ({ env, want }) => {
    expect(problemsOf(() => loadConfig(ServiceConfig, { env })).join('\n')).toContain(want);
  });

  it('reports an unknown key in the file with the file as its source', () => {
    const file = tempFile('c.yaml', 'kafka:\n  brokerz: [a:1]\n');
    const problems = problemsOf(() => loadConfig(ServiceConfig, { env: {}, file }));
    expect(problems.join('\n')).toMatch(/kafka.brokerz: unknown key \[from file .*c\.yaml\]/);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      loadConfig(ServiceConfig, { env: { FAULTLINE_HTTP_PORT: 'x', REDIS_URL: 'y' } }),
    );
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    { id: 'a missing file', text: null, want: 'ENOENT' },
    { id: 'malformed YAML', text: 'http: [unclosed', want: 'c.yaml' },
    { id: 'a list at the top', text: '- 1\n- 2\n', want: 'must be a mapping' },
  ])('refuses $id', ({ text, want }) => {
    const file = text === null ? join(tmpdir(), 'fl-missing-config.yaml') : tempFile('c.yaml', text);
    expect(problemsOf(() => loadConfig(ServiceConfig, { env: {}, file })).join('\n')).toContain(want);
  });
});
