import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, type InfraConfig } from './config.js';
import type { Service } from './service.js';
import { localSecrets, localSecretsPath } from './stack/local-secrets.js';

/** The embedded server: the chDB engine behind ClickHouse's HTTP interface (see ARCHITECTURE.md). */
const EMBEDDED_MAIN = 'packages/clickhouse/src/embedded/main.ts';
const USER = 'default';

/**
 * How clients reach ClickHouse: CLICKHOUSE_URL as given, else the embedded server with its
 * `default` user's password from the local secrets file in the URL (made on first use).
 */
export function clickhouseUrl(config: InfraConfig): string {
  if (config.external.clickhouseUrl) return config.external.clickhouseUrl;
  const url = new URL(clickhouseAddress(config));
  url.username = USER;
  url.password = encodeURIComponent(localSecrets(config.home).clickhousePassword);
  return url.toString().replace(/\/$/, '');
}

/** The embedded server's address without credentials, for status lines and messages. */
export function clickhouseAddress(config: InfraConfig): string {
  return `http://${config.host}:${config.clickhousePort}`;
}

export function clickhouseService(config: InfraConfig): Service {
  const external = config.external.clickhouseUrl;
  const url = external ?? clickhouseAddress(config);
  return {
    name: 'clickhouse',
    endpoint: withoutCredentials(url),
    externalVariable: external ? 'CLICKHOUSE_URL' : undefined,
    port: config.clickhousePort,
    probe: () => answersPing(url),
    // An external server is used as given; the local one must take the password we keep.
    verify: external ? undefined : () => acceptsLocalPassword(config),
    prepare: async () => {
      const main = join(config.repoRoot, EMBEDDED_MAIN);
      const data = dataDir(config, 'clickhouse');
      mkdirSync(data, { recursive: true });
      // `node --import tsx` rather than the tsx CLI: the tsx CLI forks a second node, and the pid file
      // must name the process that actually serves.
      const args = ['--import', 'tsx', main, '--host', config.host, '--port', String(config.clickhousePort)];
      // The password goes in the environment, never in the arguments `ps` shows.
      // CLICKHOUSE_EMBEDDED_USERS_FILE, when set, passes through: more users, e.g. Grafana's read-only one.
      const env = {
        ...process.env,
        CLICKHOUSE_EMBEDDED_PASSWORD: localSecrets(config.home).clickhousePassword,
      };
      return { command: process.execPath, args: [...args, '--data-dir', data], cwd: config.repoRoot, env };
    },
    readyTimeoutMs: 60_000,
    stopGraceMs: 15_000,
  };
}

function withoutCredentials(raw: string): string {
  const url = new URL(raw);
  if (url.username === '' && url.password === '') return raw;
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/$/, '');
}

/** ClickHouse answers `GET /ping` with `Ok.\n` once it serves queries. */
async function answersPing(url: string): Promise<boolean> {
  const ping = new URL('/ping', url);
  // Credentials in a URL make fetch throw, and /ping needs none.
  ping.username = '';
  ping.password = '';
  try {
    const response = await fetch(ping, { signal: AbortSignal.timeout(2000) });
    return response.ok && (await response.text()) === 'Ok.\n';
  } catch {
    return false;
  }
}

/** A server on the local port that refuses our password was started with another one: say so. */
async function acceptsLocalPassword(config: InfraConfig): Promise<void> {
  const { clickhousePassword } = localSecrets(config.home);
  const response = await fetch(`${clickhouseAddress(config)}/`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${clickhousePassword}`).toString('base64')}` },
    body: 'SELECT 1',
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new Error(
      `clickhouse: the server on ${clickhouseAddress(config)} refuses the password kept in ${localSecretsPath(config.home)} ` +
        '(it was started with another one, e.g. from another FAULTLINE_HOME): stop that server, or set ' +
        'CLICKHOUSE_URL=http://default:<its password>@host:port to use it as it is',
    );
  }
  if (!response.ok) throw new Error(`clickhouse: SELECT 1 failed with ${response.status}: ${text.trim()}`);
}
