import { CodedError, type CodedErrorOptions } from '@faultline/errors';

/** Every error the resolution API answers on purpose, with its HTTP status; the codes are the ones metrics answered before the move. */
const RESOLUTION_ERRORS = {
  FL_TICKET_NOT_FOUND: { status: 404 },
  FL_TICKET_GROUP_NOT_FOUND: { status: 404 },
  FL_TICKET_EVENT_NOT_FOUND: { status: 404 },
  FL_TICKET_INVALID_TRANSITION: { status: 409 },
  FL_TICKET_RELEASE_UNKNOWN: { status: 400 },
  FL_TICKET_BUSY: { status: 503 },
  /** The ticket holds as many steps as one ticket keeps. */
  FL_TICKET_STEPS_FULL: { status: 409 },
  /** The group has had as many tickets as one group may. */
  FL_TICKET_GROUP_FULL: { status: 409 },
  /** The change would make the ticket's event larger than one Kafka message. */
  FL_TICKET_TOO_LARGE: { status: 413 },
  /** ClickHouse stopped the query at a limit (time, memory, rows): `limit` names it. */
  FL_RESOLUTION_QUERY_TOO_EXPENSIVE: { status: 422 },
  FL_RESOLUTION_INVALID_REQUEST: { status: 400 },
  FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE: { status: 503 },
} as const;

export type ResolutionErrorCode = keyof typeof RESOLUTION_ERRORS;

export class ResolutionError extends CodedError<ResolutionErrorCode> {
  override readonly name = 'ResolutionError';
  constructor(code: ResolutionErrorCode, message: string, options?: CodedErrorOptions) {
    super(code, message, RESOLUTION_ERRORS[code], options);
  }
}
