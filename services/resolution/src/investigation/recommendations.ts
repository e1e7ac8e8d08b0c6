import type { ErrorPattern } from '@faultline/api-contracts';

export interface HealthSummary {
  /** 0..1 of the host's memory in use. */
  memoryUsage: number;
  /** 0..1: one-minute load average per core. */
  cpuUsage: number;
  /** Components (services, Kafka, Redis, ClickHouse) that failed their probe. */
  down: string[];
  /** Consumer groups over the healthy lag, with their lag. */
  lagging: { groupId: string; lag: number }[];
}

const HIGH_USAGE = 0.8;

/** The runbook's recommendations (pattern, host usage, message), then ours for unhealthy parts of Faultline. */
export function recommend(message: string, pattern: ErrorPattern, health: HealthSummary): string[] {
  const recommendations: string[] = [];
  switch (pattern.type) {
    case 'recurring':
      recommendations.push('Investigate root cause - this error is occurring frequently');
      recommendations.push('Consider implementing circuit breaker pattern');
      break;
    case 'burst':
      recommendations.push('Check for system overload or external service issues');
      recommendations.push('Review rate limiting configuration');
      break;
    case 'isolated':
      recommendations.push('Monitor for recurrence - may be transient issue');
      break;
    case 'intermittent':
      break;
  }
  if (health.memoryUsage > HIGH_USAGE)
    recommendations.push('High memory usage detected - investigate memory leaks');
  if (health.cpuUsage > HIGH_USAGE)
    recommendations.push('High CPU usage detected - investigate performance bottlenecks');
  // The runbook matches the lower-case words; messages differ in case ("Timeout"), so we ignore it.
  const lowered = message.toLowerCase();
  if (lowered.includes('timeout'))
    recommendations.push('Increase timeout values or optimize slow operations');
  if (lowered.includes('rate limit'))
    recommendations.push('Review rate limiting configuration or implement user education');
  for (const name of health.down)
    recommendations.push(`${name} is not healthy - check it before trusting counts`);
  for (const { groupId, lag } of health.lagging)
    recommendations.push(
      `Consumer group ${groupId} lags ${lag} messages - recent errors may not be counted yet`,
    );
  return recommendations;
}
