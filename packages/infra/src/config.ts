import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVICE_NAMES = ['kafka', 'redis', 'clickhouse'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Where local infrastructure listens and keeps its files, resolved from the environment. */
export interface InfraConfig {
  repoRoot: string;
  /** Root of caches, data, logs and pid files. FAULTLINE_HOME, @default `<repo>/.faultline` */
  home: string;
  /** Local servers bind here only; they are for development, not for the network. */
  host: string;
  /** FAULTLINE_KAFKA_PORT, @default 9092 */
  kafkaPort: number;
  /** FAULTLINE_KAFKA_CONTROLLER_PORT (KRaft controller listener), @default 9093 */
  kafkaControllerPort: number;
  /** FAULTLINE_KAFKA_HEAP (JVM -Xmx), @default 1g */
  kafkaHeap: string;
  /** FAULTLINE_REDIS_PORT, @default 6379 */
  redisPort: number;
  /** FAULTLINE_CLICKHOUSE_PORT (HTTP interface), @default 8123 */
  clickhousePort: number;
  /** Servers given by the environment; a service listed here is checked, never started. */
  external: {
    /** KAFKA_BROKERS, comma-separated host:port list */
    kafkaBrokers?: string[];
    /** REDIS_URL */
    redisUrl?: string;
    /** CLICKHOUSE_URL */
    clickhouseUrl?: string;
  };
}

export interface ConfigOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Overrides FAULTLINE_HOME, e.g. a temporary folder in tests. */
  home?: string;
}

export function resolveConfig(options: ConfigOptions = {}): InfraConfig {
  const env = options.env ?? process.env;
  const repoRoot = findRepoRoot();
  const kafkaBrokers = env.KAFKA_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  return {
    repoRoot,
    home: options.home ?? env.FAULTLINE_HOME ?? join(repoRoot, '.faultline'),
    host: '127.0.0.1',
    kafkaPort: portFromEnv(env, 'FAULTLINE_KAFKA_PORT', 9092),
    kafkaControllerPort: portFromEnv(env, 'FAULTLINE_KAFKA_CONTROLLER_PORT', 9093),
    kafkaHeap: env.FAULTLINE_KAFKA_HEAP || '1g',
    redisPort: portFromEnv(env, 'FAULTLINE_REDIS_PORT', 6379),
    clickhousePort: portFromEnv(env, 'FAULTLINE_CLICKHOUSE_PORT', 8123),
    external: {
      kafkaBrokers: kafkaBrokers?.length ? kafkaBrokers : undefined,
      redisUrl: env.REDIS_URL || undefined,
      clickhouseUrl: env.CLICKHOUSE_URL || undefined,
    },
  };
}

export const logsDir = (config: InfraConfig): string => join(config.home, 'logs');
export const logFile = (config: InfraConfig, name: string): string => join(logsDir(config), `${name}.log`);
export const runDir = (config: InfraConfig): string => join(config.home, 'run');
export const dataDir = (config: InfraConfig, name: ServiceName): string => join(config.home, 'data', name);
export const cacheDir = (config: InfraConfig): string => join(config.home, 'cache');

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name}=${raw} is not a port number`);
  return port;
}

/** The workspace root, found from this file so the CLI works from any working directory. */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the workspace root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return dir;
}
