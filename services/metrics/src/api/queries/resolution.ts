import type { ClickHouseClient } from '@clickhouse/client';
import type { Resolution } from '@faultline/api-contracts';
import { SEVERITY_POLICY } from '@faultline/config';
import { resolutionReport } from '../resolution-metrics.js';
import type { TimeRange } from '../time-range.js';
import { loadTicketFacts, respondWithinBySeverity } from './resolution-tickets.js';

/**
 * Tickets created in the range, at their latest state, with the category and team of their
 * group (from its events; the assignee when the group has none). A ticket without severity
 * takes its group's.
 */
export async function resolution(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  nowMs: number,
): Promise<Resolution> {
  const { tickets, truncated } = await loadTicketFacts(client, project, range, {
    select: 'created',
    team: 'group',
  });
  return {
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    truncated,
    ...resolutionReport(tickets, respondWithinBySeverity(SEVERITY_POLICY), nowMs),
  };
}
