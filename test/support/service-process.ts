import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A service's entry point in a child process (`node --import tsx <main>`), configured through
 * `env`, so a test can kill it for real. Output is kept for error messages.
 */
export class ServiceProcess {
  output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    mainPath: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', mainPath], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Until the service logs `message` (e.g. "detector started"); fails at once if it exits first. */
  async logged(message: string, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      () => {
        if (!this.alive) throw new Error(`${this.name} exited during start-up:\n${this.output}`);
        return this.output.includes(`"msg":"${message}"`);
      },
      timeoutMs,
      `${this.name} to log "${message}"`,
    );
  }

  /** SIGKILL: no graceful close, no commit of the chunk in flight (what a supervisor does to a failed liveness probe). */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
