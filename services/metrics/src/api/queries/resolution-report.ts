import type { ClickHouseClient } from '@clickhouse/client';
import type { ResolutionReportAnswer } from '@faultline/api-contracts';
import { SEVERITY_POLICY } from '@faultline/config';
import { bucketWidth } from '../buckets.js';
import { resolutionSummary } from '../resolution-metrics.js';
import type { TimeRange } from '../time-range.js';
import { loadTicketFacts, respondWithinBySeverity } from './resolution-tickets.js';
import { isoFromMs } from './run-query.js';

/**
 * One project's resolution report for a range: reads the tickets opened or resolved in it
 * (latest state, team = current assignee) and aggregates them (`resolutionSummary`).
 */
export async function resolutionReportFor(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  options: { buckets: number; topLimit: number; nowMs: number },
): Promise<ResolutionReportAnswer> {
  const { tickets, truncated } = await loadTicketFacts(client, project, range, {
    select: 'createdOrResolved',
    team: 'assignee',
  });
  const bucketMs = bucketWidth(range, options.buckets);
  return {
    from: isoFromMs(range.fromMs),
    to: isoFromMs(range.toMs),
    bucketMs,
    truncated,
    ...resolutionSummary(tickets, respondWithinBySeverity(SEVERITY_POLICY), {
      fromMs: range.fromMs,
      toMs: range.toMs,
      bucketMs,
      topLimit: options.topLimit,
      nowMs: options.nowMs,
    }),
  };
}
