/** The shell around every command: coded errors become one line on stderr (or JSON) and exit 1. */
import { CliError } from './cli-error.js';

export async function runCommand(json: boolean, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const code = error instanceof CliError ? error.code : 'FL_CLI_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof CliError ? error.details : {};
    if (json) console.log(JSON.stringify({ error: { code, message, ...details } }));
    else console.error(`error: ${code}: ${message}`);
    process.exitCode = 1;
  }
}

export function print(json: boolean, value: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text());
}
