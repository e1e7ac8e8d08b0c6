/** Coded errors of the ticket and investigation API; the metrics error handler answers `{code, message}` with the status. */
const STATUS = {
  FL_TICKET_NOT_FOUND: 404,
  FL_TICKET_GROUP_NOT_FOUND: 404,
  FL_TICKET_EVENT_NOT_FOUND: 404,
  FL_TICKET_INVALID_TRANSITION: 409,
  FL_TICKET_RELEASE_UNKNOWN: 400,
  FL_TICKET_BUSY: 503,
} as const;

export type TicketErrorCode = keyof typeof STATUS;

export class TicketError extends Error {
  override readonly name = 'TicketError';
  readonly statusCode: number;
  constructor(
    readonly code: TicketErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = STATUS[code];
  }
}
