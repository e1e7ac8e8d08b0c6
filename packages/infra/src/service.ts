import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type InfraConfig, logFile, runDir, type ServiceName } from './config.js';
import { isSameProcess, logTail, readLiveProcess, spawnDetached, stopProcess } from './process.js';
import { isPortOpen, waitUntil } from './ready.js';

export type Log = (line: string) => void;

/** One piece of local infrastructure: how to start it and how to tell it answers. */
export interface Service {
  name: ServiceName;
  /** How clients reach it, e.g. `redis://127.0.0.1:6379`. */
  endpoint: string;
  /** The environment variable naming an external server, when set: then nothing is started. */
  externalVariable?: string;
  /** The local port, to tell "taken by something else" from "not running". */
  port: number;
  /** Whether the server answers a real request (not just a TCP connect). */
  probe(): Promise<boolean>;
  /** Once it answers: throws if our credentials do not work against it (a server started with others). */
  verify?(): Promise<void>;
  /** Checks tools and writes config files; returns the command that runs the server in the foreground. */
  prepare(log: Log): Promise<{ command: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv }>;
  readyTimeoutMs: number;
  stopGraceMs: number;
}

export type ServiceState =
  /** started by this call */
  | 'started'
  /** started earlier by faultline (pid file) and answering */
  | 'running'
  /** answering on the local port, but not started by faultline: used as it is, never stopped */
  | 'unmanaged'
  /** the environment names the server (KAFKA_BROKERS, ...) and it answers */
  | 'external'
  /** faultline's process is alive but does not answer */
  | 'unresponsive'
  | 'down';

export interface ServiceStatus {
  name: ServiceName;
  endpoint: string;
  state: ServiceState;
  pid?: number;
}

const pidFileOf = (config: InfraConfig, name: ServiceName) => join(runDir(config), `${name}.pid`);

export async function ensureService(service: Service, config: InfraConfig, log: Log): Promise<ServiceStatus> {
  const { name, endpoint } = service;
  if (service.externalVariable) {
    await waitUntil(`${name} at ${endpoint} (${service.externalVariable})`, () => service.probe(), {
      timeoutMs: 30_000,
    });
    return { name, endpoint, state: 'external' };
  }
  const pidFile = pidFileOf(config, name);
  const hadPidFile = existsSync(pidFile);
  const existing = readLiveProcess(pidFile);
  if (existing) {
    await waitUntil(`${name} (pid ${existing.pid})`, () => service.probe(), {
      timeoutMs: service.readyTimeoutMs,
      failure: () => (isSameProcess(existing) ? undefined : 'exited'),
    });
    await service.verify?.();
    return { name, endpoint, state: 'running', pid: existing.pid };
  }
  if (hadPidFile) log(`${name}: removed a stale pid file (its process is gone)`);
  if (await service.probe()) {
    await service.verify?.();
    return { name, endpoint, state: 'unmanaged' };
  }
  if (await isPortOpen(config.host, service.port)) {
    throw new Error(`${name}: port ${service.port} is in use by something that does not answer as ${name}`);
  }

  const { command, args, cwd, env } = await service.prepare(log);
  const logPath = logFile(config, name);
  log(`${name}: starting, log in ${logPath}`);
  const spawned = spawnDetached(command, args, { pidFile, logPath, cwd, env });
  try {
    await waitUntil(name, () => service.probe(), {
      timeoutMs: service.readyTimeoutMs,
      failure: () => {
        const exit = spawned.exit();
        return exit && `exited during startup (${exit.signal ?? `code ${exit.code}`})`;
      },
    });
  } catch (error) {
    await stopProcess(pidFile, service.stopGraceMs);
    throw new Error(`${(error as Error).message}; last lines of ${logPath}:\n${logTail(logPath)}`);
  }
  return { name, endpoint, state: 'started', pid: spawned.record.pid };
}

export async function serviceStatus(service: Service, config: InfraConfig): Promise<ServiceStatus> {
  const { name, endpoint } = service;
  const answers = await service.probe();
  if (service.externalVariable) return { name, endpoint, state: answers ? 'external' : 'down' };
  const record = readLiveProcess(pidFileOf(config, name));
  if (record) return { name, endpoint, state: answers ? 'running' : 'unresponsive', pid: record.pid };
  return { name, endpoint, state: answers ? 'unmanaged' : 'down' };
}

/** Stops the service only if faultline started it (its pid file names a live process). */
export function stopService(service: Service, config: InfraConfig): Promise<boolean> {
  return stopProcess(pidFileOf(config, service.name), service.stopGraceMs);
}
