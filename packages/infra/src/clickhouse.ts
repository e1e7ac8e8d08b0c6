import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, type InfraConfig } from './config.js';
import type { Service } from './service.js';

/** The embedded server: the chDB engine behind ClickHouse's HTTP interface (see ARCHITECTURE.md). */
const EMBEDDED_MAIN = 'packages/clickhouse/src/embedded/main.ts';

export function clickhouseUrl(config: InfraConfig): string {
  return config.external.clickhouseUrl ?? `http://${config.host}:${config.clickhousePort}`;
}

export function clickhouseService(config: InfraConfig): Service {
  const url = clickhouseUrl(config);
  return {
    name: 'clickhouse',
    endpoint: url,
    externalVariable: config.external.clickhouseUrl ? 'CLICKHOUSE_URL' : undefined,
    port: config.clickhousePort,
    probe: () => answersPing(url),
    prepare: async () => {
      const main = join(config.repoRoot, EMBEDDED_MAIN);
      const data = dataDir(config, 'clickhouse');
      mkdirSync(data, { recursive: true });
      // `node --import tsx` rather than the tsx CLI: the tsx CLI forks a second node, and the pid file
      // must name the process that actually serves.
      const args = ['--import', 'tsx', main, '--host', config.host, '--port', String(config.clickhousePort)];
      return { command: process.execPath, args: [...args, '--data-dir', data], cwd: config.repoRoot };
    },
    readyTimeoutMs: 60_000,
    stopGraceMs: 15_000,
  };
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
