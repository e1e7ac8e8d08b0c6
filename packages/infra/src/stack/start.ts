/**
 * `pnpm start`: the whole system on one machine. Kafka, Redis and ClickHouse (unless they
 * already answer), then the six services as supervised processes, a demo project, and where
 * to look. Ctrl-C stops the services and whatever infrastructure this command started.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clickhouseAddress } from '../clickhouse.js';
import { logsDir, resolveConfig } from '../config.js';
import { bringUp, infraEndpoints, stopInfra } from '../infra.js';
import { ensureDashboardBuilt } from './dashboard-build.js';
import { ensureDemoProject } from './demo-project.js';
import { FAULTLINE_SERVICES } from './faultline-services.js';
import { inboxAlerterEnv, startLocalInbox } from './local-inbox.js';
import { localSecrets, localSecretsPath } from './local-secrets.js';
import { ensureOwnerPassword } from './owner-password.js';
import { Supervisor } from './supervisor.js';
import { waitReady } from './wait-ready.js';

const log = (line: string) => console.log(line);
const READY_TIMEOUT_MS = 180_000;

const config = resolveConfig();
mkdirSync(config.home, { recursive: true });
ensureDashboardBuilt(config.repoRoot, log);

const outcomes = await bringUp({ log: (line) => log(`infra: ${line}`) });
const failed = outcomes.filter((o) => !o.ok);
if (failed.length > 0) {
  for (const o of failed) if (!o.ok) console.error(`${o.name}: ${o.error.message}`);
  process.exit(1);
}
const startedInfra = outcomes.flatMap((o) => (o.ok && o.status.state === 'started' ? [o.name] : []));
const endpoints = infraEndpoints();
const secrets = localSecrets(config.home);
const env = {
  KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
  REDIS_URL: endpoints.redisUrl,
  CLICKHOUSE_URL: endpoints.clickhouseUrl,
  // Every HTTP service verifies the same dashboard sessions.
  FAULTLINE_AUTH_SESSION_SECRET: secrets.sessionSecret,
};

// Without configured recipients, pages go to a local inbox file, so they can be seen arriving.
const inboxFile = join(config.home, 'inbox.jsonl');
const inbox =
  process.env.FAULTLINE_RECIPIENTS || process.env.FAULTLINE_CONFIG
    ? undefined
    : await startLocalInbox(inboxFile, Number(process.env.FAULTLINE_INBOX_PORT || 8094));
if (inbox) Object.assign(env, inboxAlerterEnv(inbox.url));

const supervisor = new Supervisor({ repoRoot: config.repoRoot, logsDir: logsDir(config), env, log });
let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`\n${signal}: stopping the services${startedInfra.length ? ` and ${startedInfra.join(', ')}` : ''}...`);
  await supervisor.stopAll();
  inbox?.server.close();
  await stopInfra(startedInfra);
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

// Only metrics, the writer of `access`, gets the owner token: it stores its hash on first start.
const metricsEnv = { FAULTLINE_ADMIN_OWNER_TOKEN: secrets.ownerToken };
for (const spec of FAULTLINE_SERVICES)
  supervisor.start(spec.name === 'metrics' ? { ...spec, env: { ...spec.env, ...metricsEnv } } : spec);
const readiness = await Promise.allSettled(
  FAULTLINE_SERVICES.map((spec) => waitReady(`http://127.0.0.1:${spec.port}/readyz`, READY_TIMEOUT_MS)),
);
const ingestPort = FAULTLINE_SERVICES.find((spec) => spec.name === 'ingest')?.port;
const demo = await ensureDemoProject(`http://127.0.0.1:${ingestPort}`, secrets.ownerToken, config.home);
const metricsPort = FAULTLINE_SERVICES.find((spec) => spec.name === 'metrics')?.port;
const owner = await ensureOwnerPassword(`http://127.0.0.1:${metricsPort}`, secrets.ownerToken).catch(
  (error: Error) => {
    console.error(`owner account: ${error.message}`);
    return undefined;
  },
);

const line = (label: string, value: string) => log(`  ${label.padEnd(22)} ${value}`);
log('\nFaultline is up.');
for (const [index, spec] of FAULTLINE_SERVICES.entries()) {
  const result = readiness[index];
  const state =
    result?.status === 'fulfilled'
      ? 'ready'
      : `NOT READY: ${(result as PromiseRejectedResult).reason.message}`;
  line(spec.name, `http://127.0.0.1:${spec.port}  ${state}`);
}
log('');
line('send errors', 'POST http://127.0.0.1:8080/api/v1/events  (Authorization: Bearer <demo key>)');
line('demo project DSN', demo.dsn);
line('dashboard', 'http://127.0.0.1:8090/dashboard/');
line('analytics API', 'http://127.0.0.1:8090/api/v1');
line('alerter API', 'http://127.0.0.1:8091/api/v1  (Authorization: Bearer $FAULTLINE_TOKEN)');
line('resolution API', 'http://127.0.0.1:8095/api/v1  (tickets, investigation)');
line(
  'ClickHouse',
  process.env.CLICKHOUSE_URL
    ? endpoints.clickhouseUrl
    : `${clickhouseAddress(config)}  (user default, password in ${localSecretsPath(config.home)})`,
);
line('Kafka', endpoints.kafkaBrokers.join(','));
line('Redis', endpoints.redisUrl);
line('logs', `${logsDir(config)}/<name>.log`);
if (inbox) line('pages', `${inboxFile}  (no FAULTLINE_RECIPIENTS: Slack, PagerDuty, SMS to a local inbox)`);
line(
  'API token',
  `the owner's, in ${localSecretsPath(config.home)} (pnpm faultline finds it; eval "$(pnpm -s faultline local-env)" sets FAULTLINE_TOKEN)`,
);
if (owner) {
  log('');
  log(`  Owner account (first start): ${owner.email}`);
  log(`  one-time password:           ${owner.password}`);
  log('  shown only now: keep it (pnpm faultline users ... manages accounts)');
}
log('\nCtrl-C stops everything this command started.');
