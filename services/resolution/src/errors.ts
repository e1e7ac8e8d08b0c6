/** Every error the resolution API answers on purpose, with its HTTP status; the codes are the ones metrics answered before the move. */
const STATUS = {
  FL_TICKET_NOT_FOUND: 404,
  FL_TICKET_GROUP_NOT_FOUND: 404,
  FL_TICKET_EVENT_NOT_FOUND: 404,
  FL_TICKET_INVALID_TRANSITION: 409,
  FL_TICKET_RELEASE_UNKNOWN: 400,
  FL_TICKET_BUSY: 503,
  FL_RESOLUTION_INVALID_REQUEST: 400,
  FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE: 503,
} as const;

export type ResolutionErrorCode = keyof typeof STATUS;

export class ResolutionError extends Error {
  override readonly name = 'ResolutionError';
  readonly statusCode: number;
  constructor(
    readonly code: ResolutionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = STATUS[code];
  }
}
