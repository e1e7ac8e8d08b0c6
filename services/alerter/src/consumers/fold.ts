import type { AlertRecord } from '../state/alert-record.js';
import type { Outcome } from '../state/transitions.js';

/** Several inputs for one alert in one batch become one write carrying every step's events and jobs. */
export function foldOutcomes<T>(
  start: AlertRecord | undefined,
  inputs: readonly T[],
  step: (record: AlertRecord | undefined, input: T) => Outcome | undefined,
): Outcome | undefined {
  let folded: Outcome | undefined;
  let record = start;
  for (const input of inputs) {
    const next = step(record, input);
    if (!next) continue;
    folded = folded
      ? {
          record: next.record,
          changed: folded.changed || next.changed,
          events: [...folded.events, ...next.events],
          jobs: [...folded.jobs, ...next.jobs],
          dropJobs: [...folded.dropJobs, ...next.dropJobs],
        }
      : next;
    record = next.record;
  }
  return folded;
}
