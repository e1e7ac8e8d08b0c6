import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  emptyScope,
  flushAlert,
  logCapFor,
  resolveAlert,
  type ScopeState,
  type StepResult,
} from '../../src/window/sliding-window.js';
import {
  alertIdOf,
  expectedFlush,
  expectedOutcome,
  HIGH,
  MINUTE,
  nowOf,
  type Outcome,
  SECOND,
  settingsOf,
  T0,
  WINDOW_CASES,
} from './cases.js';

function outcomeOf(result: StepResult): Outcome {
  const alert = result.state.alert;
  return {
    decision: result.decision,
    alertId: alert?.alertId ?? '',
    errorCount: alert?.errorCount ?? 0,
    firstSeen: alert?.firstSeen ?? 0,
    lastSeen: alert?.lastSeen ?? 0,
    late: result.late,
    duplicates: result.duplicates,
    counted: result.counted,
    components: [...(alert?.components ?? [])].sort(),
    pending: alert?.pending ?? 0,
    signalAt: alert?.lastSignalAt ?? 0,
  };
}

describe('sliding window (controlled clock)', () => {
  it.each(WINDOW_CASES.map((c) => [c.name, c] as const))('%s', (_name, windowCase) => {
    const settings = settingsOf(windowCase);
    let state: ScopeState = emptyScope();
    windowCase.steps.forEach((step, index) => {
      if ('resolve' in step) {
        const alertId = step.resolve === 'current' ? (state.alert?.alertId ?? '') : 'someone-else';
        const resolved = resolveAlert(state, alertId);
        if (step.expectCleared !== undefined)
          expect(resolved.cleared, `step ${index}`).toBe(step.expectCleared);
        state = resolved.state;
        return;
      }
      if ('flush' in step) {
        const alertId = step.alertId === 'other' ? 'someone-else' : (state.alert?.alertId ?? '');
        const flushed = flushAlert(state, alertId, {
          now: T0 + step.flush,
          updateIntervalMs: settings.updateIntervalMs,
        });
        if (step.expect) {
          const seen = { decision: flushed.decision, errorCount: flushed.state.alert?.errorCount ?? 0 };
          expect(
            flushed.decision === 'later' ? { ...seen, dueAt: flushed.dueAt } : seen,
            `step ${index}`,
          ).toMatchObject(expectedFlush(step.expect));
        }
        state = flushed.state;
        return;
      }
      const events = step.events.map((e) => ({ id: e.id, time: T0 + e.at, component: e.component ?? '' }));
      const result = applyEvents(state, events, { now: nowOf(step), settings, newAlertId: alertIdOf(index) });
      if (step.expect) expect(outcomeOf(result), `step ${index}`).toMatchObject(expectedOutcome(step.expect));
      state = result.state;
    });
  });

  it('keeps the log within its cap, dropping the oldest entries', () => {
    const settings = { ...HIGH, threshold: 1000, logCap: 50 };
    const events = Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, time: T0 + i, component: '' }));
    const { state } = applyEvents(emptyScope(), events, { now: T0 + 200, settings, newAlertId: 'a' });
    expect(state.log).toHaveLength(50);
    expect(state.log[0]?.id).toBe('e150');
  });

  it('forgets events older than window plus tolerance behind the watermark', () => {
    const first = applyEvents(emptyScope(), [{ id: 'old', time: T0, component: '' }], {
      now: T0,
      settings: HIGH,
      newAlertId: 'a',
    });
    const later = T0 + HIGH.windowMs + HIGH.lateToleranceMs + SECOND;
    const { state } = applyEvents(first.state, [{ id: 'new', time: later, component: '' }], {
      now: later,
      settings: HIGH,
      newAlertId: 'a',
    });
    expect(state.log.map((entry) => entry.id)).toEqual(['new']);
  });

  it.each([
    ['high (5 in 5 min, 2 min late)', { threshold: 5, windowMs: 5 * MINUTE }, 2 * MINUTE, 1000, 5 * 3],
    ['low (100 in 1 h)', { threshold: 100, windowMs: 60 * MINUTE }, 2 * MINUTE, 1000, 100 * 3],
    [
      'critical (window 0) is bounded by maxLogEntries',
      { threshold: 1, windowMs: 0 },
      2 * MINUTE,
      1000,
      1000,
    ],
    ['never below the threshold', { threshold: 5000, windowMs: MINUTE }, 0, 1000, 5000],
  ] as const)('log cap for %s', (_name, rule, tolerance, max, expected) => {
    expect(logCapFor(rule, tolerance, max)).toBe(expected);
  });
});
