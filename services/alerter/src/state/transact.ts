import type { StoredRecord } from './alert-record.js';
import type { AlertStore } from './alert-store.js';

const MAX_TRIES = 8;

/** What a transition produced, as far as storing it goes. */
export interface Stored {
  changed: boolean;
  record: { firedAt: number };
}

/**
 * Load -> compute -> compare-and-set for many alerts at once (one round trip each way).
 * Alerts whose write lost to another replica are reloaded and computed again, so each
 * outcome was computed from the state it replaced.
 */
export async function transact<O extends Stored>(
  store: AlertStore,
  alertIds: readonly string[],
  compute: (alertId: string, stored: StoredRecord | undefined) => O | undefined,
): Promise<Map<string, O>> {
  const done = new Map<string, O>();
  let pending = [...new Set(alertIds)];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_TRIES) throw new Error(`alert state kept changing under us: ${pending.join(', ')}`);
    const loaded = await store.load(pending);
    const writes: { alertId: string; outcome: O; version: number }[] = [];
    for (const alertId of pending) {
      const stored = loaded.get(alertId);
      const outcome = compute(alertId, stored);
      if (!outcome) continue;
      if (outcome.changed) writes.push({ alertId, outcome, version: stored?.version ?? 0 });
      else done.set(alertId, outcome);
    }
    const won = await store.compareAndSet(
      writes.map((w) => ({
        alertId: w.alertId,
        expectedVersion: w.version,
        record: w.outcome.record as never,
      })),
    );
    pending = [];
    writes.forEach((w, i) => {
      if (won[i]) done.set(w.alertId, w.outcome);
      else pending.push(w.alertId);
    });
  }
  return done;
}
