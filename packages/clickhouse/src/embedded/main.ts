/**
 * Runs the embedded ClickHouse server as a process:
 *   tsx packages/clickhouse/src/embedded/main.ts --host 127.0.0.1 --port 8123 --data-dir .faultline/clickhouse
 * Flags win over CLICKHOUSE_EMBEDDED_HOST / _PORT / _DATA_DIR / _USERS_FILE; the default user's
 * password is CLICKHOUSE_EMBEDDED_PASSWORD. Logs pino JSON; one line with msg "ready" (and the
 * url) says it accepts queries.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startEmbeddedClickHouse } from './server.js';
import { loadUsers } from './users-config.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'log-level': { type: 'string' },
    'users-file': { type: 'string' },
  },
});

const env = process.env;
const log = pino({ name: 'clickhouse-embedded', level: values['log-level'] ?? env.LOG_LEVEL ?? 'info' });
const port = Number(values.port ?? env.CLICKHOUSE_EMBEDDED_PORT ?? 8123);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal({ port: values.port ?? env.CLICKHOUSE_EMBEDDED_PORT }, 'invalid port');
  process.exit(2);
}

try {
  const users = loadUsers(
    values['users-file'] ?? env.CLICKHOUSE_EMBEDDED_USERS_FILE,
    env.CLICKHOUSE_EMBEDDED_PASSWORD,
  );
  const open = users.filter((u) => u.password === '').map((u) => u.name);
  if (open.length > 0) {
    log.warn({ users: open }, 'users without a password: anyone who reaches the port can run SQL as them');
  }
  const server = await startEmbeddedClickHouse({
    users,
    host: values.host ?? env.CLICKHOUSE_EMBEDDED_HOST ?? '127.0.0.1',
    port,
    dataDir: values['data-dir'] ?? env.CLICKHOUSE_EMBEDDED_DATA_DIR ?? '.faultline/clickhouse',
    logger: log,
  });
  log.info({ url: server.url, dataDir: server.dataDir }, 'ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  log.fatal({ err }, 'failed to start');
  process.exit(1);
}
