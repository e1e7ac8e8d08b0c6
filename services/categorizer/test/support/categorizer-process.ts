import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../../../test/support/wait.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The categorizer's `src/main.ts` in a child process, configured through `env`, so it can be killed for real. */
export class CategorizerProcess {
  output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly healthUrl: string,
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

  async started(): Promise<void> {
    await waitFor(
      () => {
        if (!this.alive) throw new Error(`the categorizer exited during start-up:\n${this.output}`);
        return this.output.includes('"msg":"categorizer started"');
      },
      60_000,
      'the categorizer to start',
    );
  }

  /** /healthz as a supervisor probes it: no answer within `timeoutMs` fails like a 503. */
  async healthy(timeoutMs = 1000): Promise<boolean> {
    const answer = await fetch(`${this.healthUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) }).catch(
      () => undefined,
    );
    return answer?.ok === true;
  }

  /** SIGKILL, as a supervisor does to a process that fails its liveness probe: nothing in flight is committed. */
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
