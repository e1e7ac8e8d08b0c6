/** Errors the dashboard routes answer on purpose; the metrics error handler passes 4xx through with their code. */
const STATUS = {
  FL_DASHBOARD_ALERT_NOT_FOUND: 404,
  FL_DASHBOARD_NOT_BUILT: 503,
  FL_DASHBOARD_COMMANDS_UNAVAILABLE: 503,
} as const;

export type DashboardErrorCode = keyof typeof STATUS;

export class DashboardError extends Error {
  override readonly name = 'DashboardError';
  readonly statusCode: number;
  constructor(
    readonly code: DashboardErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = STATUS[code];
  }
}
