/** JSON over HTTP for the CLI: answers `{code, message}` errors of our services as CliHttpError. */

export class CliHttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CliHttpError';
  }
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  body?: unknown;
  timeoutMs?: number;
}

export async function requestJson<T>(
  url: string,
  { method = 'GET', token, body, timeoutMs = 10_000 }: JsonRequest = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new CliHttpError(
      'FL_CLI_UNREACHABLE',
      `${new URL(url).origin} does not answer: ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    // Metrics answers {code, message}; the alerter {error: code, message}.
    const { code, error, message } = (parsed ?? {}) as { code?: string; error?: unknown; message?: string };
    const named = code ?? (typeof error === 'string' ? error : undefined);
    throw new CliHttpError(
      named ?? `HTTP_${response.status}`,
      message ?? (text.slice(0, 200) || response.statusText),
      response.status,
    );
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
