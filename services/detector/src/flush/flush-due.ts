import type { AlertSample, AlertSignal } from '@faultline/contracts';
import type { Logger } from '@faultline/observability';
import type { EventsHandlerOptions } from '../handle-events.js';
import { dedupKeyOf, ruleFor } from '../scope.js';
import { buildSignal } from '../signals/build-signal.js';

/** Claims per Redis call; a tick keeps claiming while a call comes back full. */
const CLAIM_LIMIT = 100;
/** A claimer that dies mid-flush leaves its claims to others after this long. */
export const FLUSH_LEASE_MS = 30_000;

/** What the events handler signals with, less its alert ids: a flush only updates alerts. */
export type FlusherOptions = Omit<EventsHandlerOptions, 'newAlertId'>;

/**
 * One pass of the flush timer: claim the alerts whose held-back counts are due, let each
 * scope's script decide (atomically, so one replica of several sends), publish the updates,
 * then drop their index entries. Returns the updates sent.
 */
export function createFlusher(options: FlusherOptions): () => Promise<number> {
  const now = options.now ?? Date.now;
  return async () => {
    let sent = 0;
    for (;;) {
      const at = now();
      const claims = await options.store.claimDue(at, CLAIM_LIMIT, FLUSH_LEASE_MS);
      const outcomes = await Promise.all(claims.map((claim) => options.store.flush(claim, at)));
      const signals: AlertSignal[] = [];
      const published = claims.filter((claim, i) => {
        const outcome = outcomes[i];
        if (outcome?.decision !== 'update') return false;
        const { scope } = claim;
        signals.push(
          buildSignal({
            kind: 'update',
            alertId: outcome.alertId,
            dedupKey: dedupKeyOf(scope),
            scope,
            rule: ruleFor(scope, options.detection),
            errorCount: outcome.errorCount,
            firstSeen: outcome.firstSeen,
            lastSeen: outcome.lastSeen,
            components: outcome.components,
            samples: outcome.samples.map((json) => JSON.parse(json) as AlertSample),
            sampleLimit: options.sampleLimit,
            emittedAt: new Date(at),
          }),
        );
        return true;
      });
      if (signals.length > 0) await options.publish(signals);
      await Promise.all(published.map((claim) => options.store.release(claim)));
      for (const signal of signals) {
        options.metrics?.signals.inc({ kind: signal.kind, severity: signal.severity });
        options.metrics?.flushes.inc();
      }
      sent += signals.length;
      if (claims.length < CLAIM_LIMIT) return sent;
    }
  };
}

/** Runs `flush` every `intervalMs`; a tick while a pass still runs is skipped; a failed pass is logged and retried next tick. */
export function startFlushTimer(
  flush: () => Promise<number>,
  options: { intervalMs: number; logger: Logger },
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = flush()
      .then(() => undefined)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'flush of due updates failed'))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
