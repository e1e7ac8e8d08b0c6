/** The one way services get a ClickHouse client: a real server or the embedded one, same code. */
import { type ClickHouseClient, type ClickHouseSettings, createClient } from '@clickhouse/client';

export interface ClickHouseConfig {
  /**
   * May carry credentials (`http://user:password@host:8123`, as `pnpm infra` hands out the
   * embedded server's); they win over `username`/`password`, as in @clickhouse/client.
   * @default process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123'
   */
  url?: string;
  /** @default 'default' */
  database?: string;
  /** @default 'default' */
  username?: string;
  /** @default '' */
  password?: string;
  /** Per-request timeout in milliseconds. @default 30000 */
  requestTimeoutMs?: number;
  /** Sent as the User-Agent prefix, visible in system.query_log. @default 'faultline' */
  application?: string;
  /** Gzip request bodies (large inserts) and responses. @default false */
  compression?: boolean;
  /** Merged over the defaults below. */
  settings?: ClickHouseSettings;
}

/** Applied to every query; a call's own clickhouse_settings still win. */
export const DEFAULT_SETTINGS: ClickHouseSettings = {
  // Accept ISO 8601 and other timestamp spellings from producers.
  date_time_input_format: 'best_effort',
  // Servers default to this; stated so behaviour does not depend on server config.
  output_format_json_quote_64bit_integers: 1,
};

export function createClickHouse(config: ClickHouseConfig = {}): ClickHouseClient {
  const compression = config.compression ?? false;
  const { url, username, password } = splitCredentials(
    config.url ?? process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
  );
  return createClient({
    url,
    database: config.database ?? 'default',
    username: username ?? config.username ?? 'default',
    password: password ?? config.password ?? '',
    request_timeout: config.requestTimeoutMs ?? 30_000,
    application: config.application ?? 'faultline',
    compression: { request: compression, response: compression },
    clickhouse_settings: { ...DEFAULT_SETTINGS, ...config.settings },
  });
}

/** Takes credentials out of the URL, so the client neither warns about overrides nor logs them. */
export function splitCredentials(raw: string): { url: string; username?: string; password?: string } {
  const url = new URL(raw);
  if (url.username === '' && url.password === '') return { url: raw };
  const username = decodeURIComponent(url.username) || 'default';
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.toString(), username, password };
}

/** Resolves when ClickHouse answers a ping, else throws why not (a readiness check, a health probe). */
export async function pingClickHouse(client: Pick<ClickHouseClient, 'ping'>): Promise<void> {
  const result = await client.ping();
  if (!result.success) throw result.error ?? new Error('ClickHouse ping failed');
}
