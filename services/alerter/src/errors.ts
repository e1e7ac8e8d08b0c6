/** Every error the alerter API answers on purpose, with its HTTP status. */
const STATUS = {
  FL_ALERTER_UNAUTHORIZED: 401,
  FL_ALERTER_NOT_FOUND: 404,
  FL_ALERTER_INVALID_SILENCE: 400,
} as const;

export type AlerterErrorCode = keyof typeof STATUS;

export class AlerterError extends Error {
  override readonly name = 'AlerterError';
  readonly statusCode: number;
  constructor(
    readonly code: AlerterErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = STATUS[code];
  }
}
