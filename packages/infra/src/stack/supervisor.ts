import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSpec } from './faultline-services.js';

export interface SupervisorOptions {
  repoRoot: string;
  logsDir: string;
  /** Environment of every child, on top of this process's. */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** First restart delay; doubles per crash up to maxBackoffMs, reset after a minute up. @default 1000 */
  backoffMs?: number;
  /** @default 30000 */
  maxBackoffMs?: number;
  /** How long a stopping child gets after SIGTERM before SIGKILL. @default 10000 */
  stopGraceMs?: number;
}

interface Supervised {
  spec: ServiceSpec;
  child?: ChildProcess;
  logStream: WriteStream;
  crashes: number;
  startedAt: number;
  restartTimer?: NodeJS.Timeout;
}

const STABLE_AFTER_MS = 60_000;

/**
 * Runs each service as its own process and restarts one that dies, with backoff, until
 * `stopAll`. Output goes to `<logsDir>/<name>.log`.
 */
export class Supervisor {
  private readonly services = new Map<string, Supervised>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {
    mkdirSync(options.logsDir, { recursive: true });
  }

  start(spec: ServiceSpec): void {
    const logStream = createWriteStream(join(this.options.logsDir, `${spec.name}.log`), { flags: 'a' });
    const entry: Supervised = { spec, logStream, crashes: 0, startedAt: 0 };
    this.services.set(spec.name, entry);
    this.launch(entry);
  }

  pid(name: string): number | undefined {
    return this.services.get(name)?.child?.pid;
  }

  /** Signals one service's current process (SIGKILL by default: a crash); the supervisor restarts it. */
  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): boolean {
    const child = this.services.get(name)?.child;
    return child?.pid !== undefined && child.exitCode === null && child.signalCode === null
      ? child.kill(signal)
      : false;
  }

  private launch(entry: Supervised): void {
    const { repoRoot, env } = this.options;
    const { command } = entry.spec;
    // `node --import tsx` rather than the tsx CLI, so the pid is the process that serves.
    const args = command?.args ?? ['--import', 'tsx', join(repoRoot, entry.spec.entry)];
    const child = spawn(process.execPath, args, {
      cwd: command?.cwd ?? repoRoot,
      uid: command?.uid,
      gid: command?.gid,
      env: { ...process.env, ...env, ...entry.spec.env, FAULTLINE_HTTP_PORT: String(entry.spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(entry.logStream, { end: false });
    child.stderr?.pipe(entry.logStream, { end: false });
    entry.child = child;
    entry.startedAt = Date.now();
    child.on('exit', (code, signal) => this.onExit(entry, code, signal));
  }

  private onExit(entry: Supervised, code: number | null, signal: NodeJS.Signals | null): void {
    entry.child = undefined;
    if (this.stopping) return;
    if (Date.now() - entry.startedAt > STABLE_AFTER_MS) entry.crashes = 0;
    const base = this.options.backoffMs ?? 1000;
    const delay = Math.min(base * 2 ** entry.crashes, this.options.maxBackoffMs ?? 30_000);
    entry.crashes += 1;
    this.options.log(
      `${entry.spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s, see its log`,
    );
    entry.restartTimer = setTimeout(() => this.launch(entry), delay);
  }

  /** SIGTERM to every child, SIGKILL to those still running after the grace period. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const grace = this.options.stopGraceMs ?? 10_000;
    await Promise.all(
      [...this.services.values()].map(async (entry) => {
        clearTimeout(entry.restartTimer);
        const child = entry.child;
        if (child && child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), grace);
          await exited;
          clearTimeout(timer);
        }
        entry.logStream.end();
      }),
    );
  }
}
