/** The status an error asks for (http-errors, fastify, Express conventions), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof statusCode === 'number' ? statusCode : status;
  return typeof value === 'number' && value >= 400 && value < 600 ? value : undefined;
}

/** Client errors (4xx) are the caller's mistake, not the app's: only 5xx and unknown report. */
export function isServerError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}
