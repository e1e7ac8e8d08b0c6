/** Every refusal of the access plugin, with its HTTP status. */
const ACCESS_ERRORS = {
  /** No credential, or one that is unknown, expired, revoked or whose user is gone. */
  FL_AUTH_REQUIRED: { status: 401 },
  /** A valid credential without the role the route needs on that project. */
  FL_FORBIDDEN: { status: 403 },
  /** The access view has not caught up yet (or its reader stopped): nobody can be checked. */
  FL_ACCESS_NOT_READY: { status: 503 },
} as const;

export type AccessErrorCode = keyof typeof ACCESS_ERRORS;

/**
 * A refusal with its code and status, answered as `{"error": code, "message": ...}` by the
 * service's error handler (any handler that maps `statusCode` and `code`).
 */
export class AccessError extends Error {
  override readonly name = 'AccessError';
  readonly statusCode: number;
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = ACCESS_ERRORS[code].status;
  }
}
