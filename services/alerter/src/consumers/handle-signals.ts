import type { AlertSignal } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { SilenceStore } from '../silences/silence-store.js';
import type { AlertStore } from '../state/alert-store.js';
import type { Effects } from '../state/effects.js';
import type { AlertPolicy } from '../state/policy.js';
import { transact } from '../state/transact.js';
import { applySignal } from '../state/transitions.js';
import { foldOutcomes } from './fold.js';

export interface SignalHandlerOptions {
  store: AlertStore;
  silences: SilenceStore;
  effects: Effects;
  policy: AlertPolicy;
  now?: () => number;
}

/**
 * alerts batch -> alert state: the batch's signals are folded per alert (in partition
 * order) into one write each, stored with compare-and-set, then their events and jobs are
 * written. Resolves only when all of it is done, so the consumer commits nothing undone.
 */
export function createSignalHandler(options: SignalHandlerOptions): BatchHandler<AlertSignal> {
  const now = options.now ?? Date.now;
  return async (messages) => {
    const at = now();
    const ctx = { now: at, policy: options.policy, silences: await options.silences.list(at) };
    const byAlert = new Map<string, AlertSignal[]>();
    for (const { value } of messages)
      byAlert.set(value.alertId, [...(byAlert.get(value.alertId) ?? []), value]);
    const outcomes = await transact(options.store, [...byAlert.keys()], (alertId, stored) =>
      foldOutcomes(stored?.record, byAlert.get(alertId) ?? [], (record, signal) =>
        applySignal(record, signal, ctx),
      ),
    );
    await options.effects.apply(outcomes.values());
  };
}
