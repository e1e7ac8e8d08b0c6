import type { AlertEvent } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { DetectorMetrics } from './metrics.js';
import type { WindowStore } from './store/window-store.js';

/**
 * alert-events chunk -> Redis: a `resolved` alert clears its scope's active-alert key (only if
 * it is still that alert), so the next burst opens a new one. Other event types are ignored.
 */
export function createAlertEventsHandler(options: {
  store: WindowStore;
  metrics?: DetectorMetrics | undefined;
}): BatchHandler<AlertEvent> {
  return async (messages) => {
    const resolved = messages
      .filter(({ value }) => value.type === 'resolved')
      .map(({ value }) => value.alert);
    const cleared = await Promise.all(
      resolved.map((alert) => options.store.resolve(alert.scope, alert.alertId)),
    );
    for (const wasActive of cleared)
      options.metrics?.resolutions.inc({ outcome: wasActive ? 'cleared' : 'stale' });
  };
}
