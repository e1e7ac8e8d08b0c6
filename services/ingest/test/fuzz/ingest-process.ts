import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../test/support/free-port.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The ingest service as its own process, started the way the supervisor starts it
 * (`node --import tsx services/ingest/src/server.ts`), so a crash shows as an exit, not as a
 * failed test worker.
 */
export class IngestProcess {
  private output = '';
  private exit: string | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exit = signal ?? `code ${code}`;
    });
  }

  static async start(env: NodeJS.ProcessEnv): Promise<IngestProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/ingest/src/server.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, FAULTLINE_HTTP_HOST: '127.0.0.1', FAULTLINE_HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new IngestProcess(child, port);
    const deadline = Date.now() + 60_000;
    while ((await started.health()) !== 200) {
      if (started.exited !== undefined || Date.now() > deadline)
        throw new Error(`ingest did not come up (${started.exited ?? 'timeout'}):\n${started.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return started;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** How the process ended, or undefined while it runs. */
  get exited(): string | undefined {
    return this.exit;
  }

  /** The last 20 KB it printed. */
  get log(): string {
    return this.output;
  }

  async health(path = '/healthz'): Promise<number> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    if (this.exit !== undefined) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
