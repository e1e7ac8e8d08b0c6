import Type from 'typebox';

/** Config sections every service shares. Each field's `default` is the local one-machine setup. */

export const LogConfig = Type.Object(
  {
    /** @default 'info' */
    level: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info', env: 'LOG_LEVEL' },
    ),
  },
  { default: {}, additionalProperties: false },
);

export const KafkaConfig = Type.Object(
  {
    /** @default ['127.0.0.1:9092'] */
    brokers: Type.Array(Type.String({ minLength: 1, pattern: '^[^\\s:]+:[0-9]{1,5}$' }), {
      minItems: 1,
      default: ['127.0.0.1:9092'],
      env: 'KAFKA_BROKERS',
    }),
    /** @default 'faultline' */
    clientId: Type.String({ minLength: 1, default: 'faultline' }),
    /** Prepended to every topic name. @default 'faultline.' */
    topicPrefix: Type.String({
      pattern: '^[A-Za-z0-9._-]*$',
      default: 'faultline.',
      env: 'FAULTLINE_TOPIC_PREFIX',
    }),
    /** Partitions per topic (unprefixed name -> count) when Faultline creates its topics. @default {} */
    partitions: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 10000 }), { default: {} }),
  },
  { default: {}, additionalProperties: false },
);

export const RedisConfig = Type.Object(
  {
    /** @default 'redis://127.0.0.1:6379' */
    url: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379', env: 'REDIS_URL' }),
    /**
     * Redis Cluster seed nodes (`host:port`, env comma-separated); set means cluster mode, and `url`
     * then only supplies credentials and TLS (`rediss:`). @default []
     */
    clusterNodes: Type.Array(Type.String({ pattern: '^[^\\s:,]+:[0-9]{1,5}$' }), { default: [] }),
    /** Prepended to every key, so several installations can share one Redis. @default 'fl:' */
    keyPrefix: Type.String({ default: 'fl:' }),
  },
  { default: {}, additionalProperties: false },
);

export const ClickHouseConfig = Type.Object(
  {
    /** @default 'http://127.0.0.1:8123' (the embedded server) */
    url: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:8123', env: 'CLICKHOUSE_URL' }),
    /** @default 'faultline' */
    database: Type.String({
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      default: 'faultline',
      env: 'CLICKHOUSE_DATABASE',
    }),
    /** @default 'default' */
    username: Type.String({ default: 'default', env: 'CLICKHOUSE_USER' }),
    /** @default '' */
    password: Type.String({ default: '', env: 'CLICKHOUSE_PASSWORD' }),
  },
  { default: {}, additionalProperties: false },
);

/** Identity and access of an HTTP service (@faultline/access). */
export const AuthConfig = Type.Object(
  {
    /**
     * Signs and verifies the dashboard's session cookies (at least 32 characters); every HTTP
     * service needs the same one to accept the same sessions (`pnpm start` generates it into
     * local-secrets.json). Empty: a random one per process, so sessions end on restart and only
     * API tokens work across services. @default ''
     */
    sessionSecret: Type.String({ default: '' }),
  },
  { default: {}, additionalProperties: false },
);

/** The HTTP listener of a service; every service has one for /healthz, /readyz and /metrics. */
export function HttpConfig(defaultPort: number) {
  return Type.Object(
    {
      /** @default '127.0.0.1' */
      host: Type.String({ minLength: 1, default: '127.0.0.1' }),
      port: Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort }),
    },
    { default: {}, additionalProperties: false },
  );
}

/** Local default ports (ARCHITECTURE.md, "Ports and commands"). */
export const DEFAULT_PORTS = {
  ingest: 8080,
  metrics: 8090,
  alerter: 8091,
  categorizer: 8092,
  detector: 8093,
  resolution: 8095,
  clickhouse: 8123,
  kafka: 9092,
  redis: 6379,
} as const;
