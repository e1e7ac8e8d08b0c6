import { CodedError } from '@faultline/errors';

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

/** A refusal, answered in the shared envelope `{"error": code, "message": ...}` by @faultline/errors' handler. */
export class AccessError extends CodedError<AccessErrorCode> {
  override readonly name = 'AccessError';
  constructor(code: AccessErrorCode, message: string) {
    super(code, message, ACCESS_ERRORS[code]);
  }
}
