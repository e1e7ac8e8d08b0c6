import type { ClickHouseClient } from '@clickhouse/client';
import type { Investigation, SystemHealth } from '@faultline/api-contracts';
import type { CategorizedEvent } from '@faultline/contracts';
import { ResolutionError } from '../errors.js';
import { findEvent, latestGroupEvent } from '../history/event-lookup.js';
import { classifyPattern } from './pattern.js';
import { recommend } from './recommendations.js';
import { findSimilarErrors } from './similar-errors.js';
import { summarizeHealth } from './system-health.js';

export interface InvestigateDeps {
  clickhouse: ClickHouseClient;
  checkHealth(): Promise<SystemHealth>;
  now(): number;
}

/** The runbook's five steps for one event, or for a group through its newest event. */
export async function investigate(
  deps: InvestigateDeps,
  target: { projectId: string; eventId?: string; groupId?: string },
): Promise<Investigation> {
  const startedAt = new Date(deps.now()).toISOString();
  const categorized = await loadSubject(deps.clickhouse, target);
  const { event } = categorized;
  const steps = ['Gathering error context'];
  const context = {
    ...(event.component ? { component: event.component } : {}),
    ...(event.action ? { action: event.action } : {}),
    ...(event.userId ? { userId: event.userId } : {}),
    ...(event.sessionId ? { sessionId: event.sessionId } : {}),
    ...(event.request?.url ? { url: event.request.url } : {}),
    ...(event.request?.userAgent ? { userAgent: event.request.userAgent } : {}),
    ...(event.release ? { release: event.release } : {}),
    timestamp: event.timestamp,
    message: event.message,
  };
  const findings = [
    `Error occurred in ${event.component ?? 'an unnamed component'} during ${event.action ?? 'an unnamed action'}`,
  ];

  steps.push('Checking for similar errors', 'Checking system health');
  const [similar, health] = await Promise.all([
    findSimilarErrors(
      deps.clickhouse,
      {
        projectId: event.projectId,
        eventId: event.eventId,
        message: event.message,
        ...(event.component ? { component: event.component } : {}),
      },
      deps.now(),
    ),
    deps.checkHealth(),
  ]);
  if (similar.count > 0) findings.push(`Found ${similar.count} similar errors in the last 24 hours`);

  steps.push('Analyzing error patterns');
  const pattern = classifyPattern({
    count: similar.count,
    ...(similar.firstSeen ? { firstMs: Date.parse(similar.firstSeen) } : {}),
    ...(similar.lastSeen ? { lastMs: Date.parse(similar.lastSeen) } : {}),
  });
  findings.push(`Error pattern: ${pattern.type} - ${pattern.description}`);
  findings.push(`System health: ${health.status}`);

  steps.push('Generating recommendations');
  const recommendations = recommend(event.message, pattern, summarizeHealth(health));
  return {
    subject: {
      projectId: event.projectId,
      eventId: event.eventId,
      groupId: categorized.groupId,
      severity: categorized.severity,
      category: categorized.category,
      team: categorized.team,
    },
    startedAt,
    completedAt: new Date(deps.now()).toISOString(),
    steps,
    context,
    similar,
    pattern,
    health,
    findings,
    recommendations,
  };
}

async function loadSubject(
  client: ClickHouseClient,
  target: { projectId: string; eventId?: string; groupId?: string },
): Promise<CategorizedEvent> {
  if (target.eventId) {
    const found = await findEvent(client, target.projectId, target.eventId);
    if (!found) throw new ResolutionError('FL_TICKET_EVENT_NOT_FOUND', `no stored event ${target.eventId}`);
    return found;
  }
  const found = target.groupId ? await latestGroupEvent(client, target.projectId, target.groupId) : undefined;
  if (!found)
    throw new ResolutionError('FL_TICKET_GROUP_NOT_FOUND', `no stored events for group ${target.groupId}`);
  return found;
}
