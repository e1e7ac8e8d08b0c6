/** I/O: everything one report needs from the metrics analytics API, asked side by side. */
import type { CriticalErrors, GroupPage, Resolution, Top, Trends } from '@faultline/api-contracts';
import type { HttpClient } from '../api/http-client.js';

export type Period = 'daily' | 'weekly';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back a group must be unseen for it to count as a new pattern: the events' retention. */
const NEW_PATTERN_LOOKBACK_MS = 30 * DAY;

export interface ReportData {
  period: Period;
  projectId: string;
  from: string;
  to: string;
  trends: Trends;
  /** The period before, for the change figure. */
  previous: Trends;
  severity: Top;
  components: Top;
  categories: Top;
  teams: Top;
  critical: CriticalErrors;
  /** Groups seen in the 30 days before `to`, newest first seen first (new patterns are the ones within the period). */
  recentGroups: GroupPage;
  /** Critical groups seen in the period. */
  criticalGroups: GroupPage;
  resolution: Resolution;
}

export function periodRange(period: Period, toMs: number) {
  const length = period === 'daily' ? DAY : 7 * DAY;
  // Daily: 24 hourly buckets; weekly: 7 daily buckets (the runbook's 7-day trend).
  return { fromMs: toMs - length, toMs, length, buckets: period === 'daily' ? 24 : 7 };
}

export async function fetchReportData(
  metrics: HttpClient,
  projectId: string,
  period: Period,
  toMs: number,
  onStep: (done: number, total: number, label: string) => void = () => {},
): Promise<ReportData> {
  const { fromMs, length, buckets } = periodRange(period, toMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  const range = (from: number, to = toMs) => `from=${iso(from)}&to=${iso(to)}`;
  const base = `/api/v1/projects/${encodeURIComponent(projectId)}/`;
  const requests = {
    trends: `trends?${range(fromMs)}&buckets=${buckets}`,
    previous: `trends?${range(fromMs - length, fromMs)}&buckets=${buckets}`,
    severity: `top/severity?${range(fromMs)}&limit=10`,
    components: `top/component?${range(fromMs)}&limit=10`,
    categories: `top/category?${range(fromMs)}&limit=10`,
    teams: `top/team?${range(fromMs)}&limit=10`,
    critical: `critical?${range(fromMs)}&limit=5`,
    recentGroups: `groups?${range(toMs - NEW_PATTERN_LOOKBACK_MS)}&sort=firstSeen&limit=200`,
    criticalGroups: `groups?${range(fromMs)}&severity=critical&sort=lastSeen&limit=200`,
    resolution: `resolution?${range(fromMs)}`,
  } as const;
  const names = Object.keys(requests) as (keyof typeof requests)[];
  let done = 0;
  const answers = await Promise.all(
    names.map(async (name) => {
      const answer = await metrics.get<unknown>(base + requests[name]);
      onStep(++done, names.length, name);
      return [name, answer] as const;
    }),
  );
  return {
    period,
    projectId,
    from: iso(fromMs),
    to: iso(toMs),
    ...(Object.fromEntries(answers) as Omit<ReportData, 'period' | 'projectId' | 'from' | 'to'>),
  };
}
