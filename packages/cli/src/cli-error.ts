/** The CLI's one coded error: what a service answered, or why it could not be asked. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly status?: number;
  /** The envelope's other fields (`field`, `index`, `retryAfterSeconds`, ...). */
  readonly details: Record<string, unknown>;

  constructor(
    readonly code: string,
    message: string,
    options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.details = options.details ?? {};
  }
}
