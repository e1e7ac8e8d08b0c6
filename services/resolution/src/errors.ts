import { CodedError } from '@faultline/errors';

/** Every error the resolution API answers on purpose, with its HTTP status; the codes are the ones metrics answered before the move. */
const RESOLUTION_ERRORS = {
  FL_TICKET_NOT_FOUND: { status: 404 },
  FL_TICKET_GROUP_NOT_FOUND: { status: 404 },
  FL_TICKET_EVENT_NOT_FOUND: { status: 404 },
  FL_TICKET_INVALID_TRANSITION: { status: 409 },
  FL_TICKET_RELEASE_UNKNOWN: { status: 400 },
  FL_TICKET_BUSY: { status: 503 },
  FL_RESOLUTION_INVALID_REQUEST: { status: 400 },
  FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE: { status: 503 },
} as const;

export type ResolutionErrorCode = keyof typeof RESOLUTION_ERRORS;

export class ResolutionError extends CodedError<ResolutionErrorCode> {
  override readonly name = 'ResolutionError';
  constructor(code: ResolutionErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, RESOLUTION_ERRORS[code], options);
  }
}
