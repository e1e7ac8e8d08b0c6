import { randomUUID } from 'node:crypto';
import type { AlertSample, AlertSignal, CategorizedEvent } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { DetectionConfig } from './config.js';
import type { DetectorMetrics } from './metrics.js';
import { type ResolvedScope, resolveScope } from './scope.js';
import { buildSignal, sampleOf } from './signals/build-signal.js';
import type { ScopeBatch, WindowStore } from './store/window-store.js';

export interface EventsHandlerOptions {
  detection: DetectionConfig;
  store: WindowStore;
  /** Writes signals to `alerts` keyed by dedupKey; resolves once every one is acknowledged. */
  publish(signals: AlertSignal[]): Promise<void>;
  sampleLimit: number;
  metrics?: DetectorMetrics | undefined;
  now?: () => number;
  newAlertId?: () => string;
}

/**
 * errors.categorized chunk -> alerts: group the events by scope, apply every scope's events
 * in one Redis round trip (one atomic script each), then publish what crossed or updated and
 * resolve only when it is acknowledged, so nothing is committed before its signal is written.
 */
export function createEventsHandler(options: EventsHandlerOptions): BatchHandler<CategorizedEvent> {
  const now = options.now ?? Date.now;
  const newAlertId = options.newAlertId ?? (() => randomUUID().replaceAll('-', ''));
  return async (messages) => {
    const at = now();
    const scopes = new Map<string, { resolved: ResolvedScope; events: CategorizedEvent[] }>();
    for (const { value } of messages) {
      const resolved = resolveScope(value, options.detection);
      const entry = scopes.get(resolved.dedupKey);
      if (entry) entry.events.push(value);
      else scopes.set(resolved.dedupKey, { resolved, events: [value] });
    }

    const groups = [...scopes.values()];
    const batches: ScopeBatch[] = groups.map(({ resolved, events }) => ({
      scope: resolved.scope,
      rule: resolved.rule,
      newAlertId: newAlertId(),
      events: events.map((event, i) => ({
        id: event.event.eventId,
        // A clock ahead of ours must not push the window's watermark into the future.
        time: Math.min(Date.parse(event.event.timestamp), at),
        component: event.event.component ?? '',
        // Only the newest events can end up among an alert's samples.
        sample: i >= events.length - options.sampleLimit ? JSON.stringify(sampleOf(event)) : '',
      })),
    }));

    const stopTimer = options.metrics?.storeSeconds.startTimer();
    const outcomes = await options.store.apply(batches, at);
    stopTimer?.();

    const signals: AlertSignal[] = [];
    outcomes.forEach((outcome, i) => {
      const { resolved } = groups[i] as (typeof groups)[number];
      options.metrics?.events.inc({ outcome: 'counted' }, outcome.counted);
      options.metrics?.events.inc({ outcome: 'late' }, outcome.late);
      options.metrics?.events.inc({ outcome: 'duplicate' }, outcome.duplicates);
      if (outcome.decision === 'none') return;
      signals.push(
        buildSignal({
          kind: outcome.decision,
          alertId: outcome.alertId,
          dedupKey: resolved.dedupKey,
          scope: resolved.scope,
          rule: resolved.rule,
          errorCount: outcome.errorCount,
          firstSeen: outcome.firstSeen,
          lastSeen: outcome.lastSeen,
          components: outcome.components,
          samples: outcome.samples.map((json) => JSON.parse(json) as AlertSample),
          sampleLimit: options.sampleLimit,
          emittedAt: new Date(at),
        }),
      );
    });
    if (signals.length > 0) await options.publish(signals);
    for (const signal of signals)
      options.metrics?.signals.inc({ kind: signal.kind, severity: signal.severity });
  };
}
