/** Runs the embedded server as a child process, the way `pnpm start` does, on a free port and a temp dir. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const mainTs = path.resolve(here, '../../src/embedded/main.ts');

export interface ChildServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix = 'faultline-ch-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `env` and `args` add to the process's environment and flags (users, passwords). */
export async function startChildServer(
  dataDir = tempDir(),
  extra: { env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<ChildServer> {
  const args = ['--import', 'tsx', mainTs, '--port', '0', '--data-dir', dataDir, ...(extra.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(here, '..', '..'),
    env: { ...process.env, ...extra.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded server did not get ready:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'ready' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`embedded server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
