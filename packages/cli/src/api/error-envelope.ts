/** A service's error answer (the envelope of @faultline/api-contracts, `{error: "<CODE>", message, ...details}`) as a CliError. */
import { CliError } from '../cli-error.js';

export function errorFromAnswer(status: number, statusText: string, text: string): CliError {
  const parsed = parseJson(text);
  const envelope = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  const { error, message, ...details } = envelope as Record<string, unknown>;
  const named = typeof error === 'string' ? error : undefined;
  return new CliError(
    named ?? `FL_CLI_HTTP_${status}`,
    typeof message === 'string' ? message : text.slice(0, 200) || statusText || `HTTP ${status}`,
    { status, details: named ? details : {} },
  );
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
