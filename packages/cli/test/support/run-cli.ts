/** Runs `faultline <args>` as a process, the way users do, and returns its exit code and output. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const commands = fileURLToPath(new URL('../../src/commands/', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Async on purpose: tests serve HTTP (fake services, the metrics app) in this process while the CLI runs.
// `direct` runs the command's script without the dispatcher: one process start instead of two.
export function runCli(args: string[], env: NodeJS.ProcessEnv, direct = false): Promise<CliResult> {
  const [command, ...rest] = args;
  const argv = direct ? [`${commands}${command}.ts`, ...rest] : [main, ...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...argv],
      { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
