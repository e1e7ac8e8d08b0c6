import { CodedError } from '@faultline/errors';

/** Errors the dashboard routes answer on purpose, with their HTTP status. */
const DASHBOARD_ERRORS = {
  FL_DASHBOARD_ALERT_NOT_FOUND: { status: 404 },
  FL_DASHBOARD_NOT_BUILT: { status: 503, retryable: false },
  FL_DASHBOARD_COMMANDS_UNAVAILABLE: { status: 503 },
} as const;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERRORS;

export class DashboardError extends CodedError<DashboardErrorCode> {
  override readonly name = 'DashboardError';
  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, DASHBOARD_ERRORS[code], options);
  }
}
