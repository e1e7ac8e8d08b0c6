/** The shell around every command: coded errors become one line on stderr (or JSON) and exit 1. */
import { CliHttpError } from './api/http-json.js';

export async function runCommand(json: boolean, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const code = error instanceof CliHttpError ? error.code : 'FL_CLI_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    if (json) console.log(JSON.stringify({ error: { code, message } }));
    else console.error(`error: ${code}: ${message}`);
    process.exitCode = 1;
  }
}

export function print(json: boolean, value: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text());
}
