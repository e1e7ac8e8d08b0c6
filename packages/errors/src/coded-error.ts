/** What a code means over HTTP: its status and whether the same request may succeed later. */
export interface ErrorSpec {
  status: number;
  /** @default true for 429 and 503 (busy or away for a moment), else false */
  retryable?: boolean;
}

/** Extra fields of the error answer (`field`, `index`, ...); `error` and `message` are the envelope's own. */
export type ErrorDetails = Record<string, string | number | boolean> & { error?: never; message?: never };

export interface CodedErrorOptions<Details extends ErrorDetails = ErrorDetails> {
  details?: Details;
  cause?: unknown;
  /** Seconds a client should wait before trying again: answered as Retry-After. */
  retryAfterSeconds?: number;
}

/**
 * The one base of the errors our services answer on purpose (fastify `createError` and
 * platformatic/kafka style): a code from the service's closed set, its HTTP status, whether
 * retrying can help, details for the answer and the cause for the log. A service subclasses
 * it with its table of codes (see services/ingest/src/errors.ts).
 */
export class CodedError<
  Code extends string = string,
  Details extends ErrorDetails = ErrorDetails,
> extends Error {
  override readonly name: string = 'CodedError';
  readonly statusCode: number;
  readonly retryable: boolean;
  readonly details: Partial<Details>;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: Code,
    message: string,
    spec: ErrorSpec,
    options: CodedErrorOptions<Details> = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = spec.status;
    this.retryable = spec.retryable ?? (spec.status === 429 || spec.status === 503);
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isCodedError(error: unknown): error is CodedError {
  return error instanceof CodedError;
}
