/** Pure: what doctor found, the verdict and the exit code. */

export type CheckStatus = 'ok' | 'warn' | 'down';

export interface Check {
  /** What was checked, e.g. `redis`, `service ingest`, `lag faultline-detector`. */
  name: string;
  /** `services`, `kafka`, `redis`, `clickhouse`, `host`. */
  area: string;
  status: CheckStatus;
  /** One line for the operator: numbers when ok, the reason when not. */
  detail: string;
  /** Structured figures for --json (lag per partition, memory bytes, ...). */
  data?: Record<string, unknown>;
}

export interface LogLine {
  file: string;
  time: string;
  level: number;
  service?: string;
  msg: string;
}

export interface DoctorReport {
  status: CheckStatus;
  checks: Check[];
  errors: LogLine[];
  /** Infrastructure doctor restarted (only with --restart). */
  restarted: string[];
}

const RANK: Record<CheckStatus, number> = { ok: 0, warn: 1, down: 2 };

export function worstStatus(checks: readonly Check[]): CheckStatus {
  return checks.reduce<CheckStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), 'ok');
}

export function buildReport(checks: Check[], errors: LogLine[], restarted: string[] = []): DoctorReport {
  return { status: worstStatus(checks), checks, errors, restarted };
}

/** Down is the runbook's "critical": the command fails so scripts and cron notice. Warnings do not. */
export function exitCode(report: DoctorReport): number {
  return report.status === 'down' ? 1 : 0;
}

/** The infrastructure a restart can bring back, by the names @faultline/infra knows. */
export function restartable(checks: readonly Check[]): ('kafka' | 'redis' | 'clickhouse')[] {
  const names = new Set<'kafka' | 'redis' | 'clickhouse'>();
  for (const c of checks) {
    if (c.status !== 'down') continue;
    if (c.name === 'kafka' || c.name === 'redis' || c.name === 'clickhouse') names.add(c.name);
  }
  return [...names];
}
