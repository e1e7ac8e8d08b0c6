import { isAbsolute, relative } from 'node:path';
import { logsDir, resolveConfig, SERVICE_NAMES, type ServiceName } from './config.js';
import { bringUp, infraStatus, stopInfra } from './infra.js';
import { fetchKafka } from './kafka.js';
import type { ServiceState, ServiceStatus } from './service.js';

const USAGE = `usage: pnpm infra <command> [service...]
  up      start Kafka, Redis and ClickHouse unless they already answer (idempotent)
  down    stop what \`up\` started
  status  show each one's state; exit code 1 if one is down
  fetch   download the Kafka jars into the cache
services: ${SERVICE_NAMES.join(', ')} (default: all)`;

const DESCRIPTIONS: Record<ServiceState, string> = {
  started: 'started',
  running: 'running',
  unmanaged: 'running, not started by faultline (left alone by down)',
  external: 'external, from the environment',
  unresponsive: 'NOT ANSWERING (process alive)',
  down: 'DOWN',
};

const log = (line: string) => console.log(line);

function formatStatus(status: ServiceStatus): string {
  const pid = status.pid === undefined ? '' : ` (pid ${status.pid})`;
  return `${status.name.padEnd(11)} ${status.endpoint.padEnd(24)} ${DESCRIPTIONS[status.state]}${pid}`;
}

/** Relative to the working directory when inside it, as people run this from the repo root. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}

function parseServices(args: string[]): ServiceName[] | undefined {
  for (const arg of args) {
    if (!(SERVICE_NAMES as readonly string[]).includes(arg))
      throw new Error(`unknown service ${arg}\n${USAGE}`);
  }
  return args.length > 0 ? (args as ServiceName[]) : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const services = parseServices(rest);
  const config = resolveConfig();
  switch (command) {
    case 'up': {
      const outcomes = await bringUp({ services, log });
      for (const outcome of outcomes) {
        log(
          outcome.ok
            ? formatStatus(outcome.status)
            : `${outcome.name.padEnd(11)} FAILED: ${outcome.error.message}`,
        );
      }
      log(
        `logs: ${displayPath(logsDir(config))}/<name>.log; stop: pnpm infra down; state: pnpm infra status`,
      );
      return outcomes.every((o) => o.ok) ? 0 : 1;
    }
    case 'down': {
      const stopped = await stopInfra(services);
      log(
        stopped.length > 0
          ? `stopped: ${stopped.join(', ')}`
          : 'nothing to stop: faultline started none of them',
      );
      return 0;
    }
    case 'status': {
      const statuses = await infraStatus({ services });
      for (const status of statuses) log(formatStatus(status));
      return statuses.every((s) => s.state !== 'down' && s.state !== 'unresponsive') ? 0 : 1;
    }
    case 'fetch':
      log(`kafka jars: ${await fetchKafka(config, log)}`);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
