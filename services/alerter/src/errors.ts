import { CodedError, type CodedErrorOptions } from '@faultline/errors';

/** Every error the alerter API answers on purpose, with its HTTP status. */
const ALERTER_ERRORS = {
  FL_ALERTER_NOT_FOUND: { status: 404 },
  FL_ALERTER_INVALID_SILENCE: { status: 400 },
  FL_ALERTER_RATE_LIMITED: { status: 429 },
} as const;

export type AlerterErrorCode = keyof typeof ALERTER_ERRORS;

export class AlerterError extends CodedError<AlerterErrorCode> {
  override readonly name = 'AlerterError';
  constructor(code: AlerterErrorCode, message: string, options?: CodedErrorOptions) {
    super(code, message, ALERTER_ERRORS[code], options);
  }
}
