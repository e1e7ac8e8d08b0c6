import type { AlertCommand } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { AlertStore } from '../state/alert-store.js';
import type { Effects } from '../state/effects.js';
import type { AlertPolicy } from '../state/policy.js';
import { transact } from '../state/transact.js';
import { applyCommand } from '../state/transitions.js';
import { foldOutcomes } from './fold.js';

export interface CommandHandlerOptions {
  store: AlertStore;
  effects: Effects;
  policy: AlertPolicy;
  now?: () => number;
}

/**
 * alert-commands batch -> acknowledge / resolve, folded per alert like signals. A command
 * for an alert the alerter never stored (or long expired) is dead-lettered with the reason.
 */
export function createCommandHandler(options: CommandHandlerOptions): BatchHandler<AlertCommand> {
  const now = options.now ?? Date.now;
  return async (messages) => {
    const at = now();
    const ctx = { now: at, policy: options.policy, silences: [] };
    const byAlert = new Map<string, { offset: string; command: AlertCommand }[]>();
    for (const { value, offset } of messages)
      byAlert.set(value.alertId, [...(byAlert.get(value.alertId) ?? []), { offset, command: value }]);
    const unknown = new Set<string>();
    const outcomes = await transact(options.store, [...byAlert.keys()], (alertId, stored) => {
      if (!stored) {
        unknown.add(alertId);
        return undefined;
      }
      unknown.delete(alertId);
      return foldOutcomes(stored.record, byAlert.get(alertId) ?? [], (record, { command }) =>
        record ? applyCommand(record, command, ctx) : undefined,
      );
    });
    await options.effects.apply(outcomes.values());
    const invalid = [...unknown].flatMap((alertId) =>
      (byAlert.get(alertId) ?? []).map(({ offset }) => ({
        offset,
        reason: `AlertCommand: unknown alert ${alertId}`,
      })),
    );
    return { invalid };
  };
}
