import type { Decision, FlushDecision, WindowSettings } from '../../src/window/sliding-window.js';

/** Window cases shared by the unit test (pure model) and the conformance test (Redis script). */

export const T0 = Date.parse('2026-11-29T05:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export interface CaseEvent {
  id: string;
  /** ms after T0 */
  at: number;
  component?: string;
}

export type Step =
  | { events: CaseEvent[]; now?: number; expect?: Expected }
  | { resolve: 'current' | 'other'; expectCleared?: boolean }
  /** The flush timer at `flush` ms after T0, for the current alert or another one. */
  | { flush: number; alertId?: 'current' | 'other'; expect?: FlushExpected };

export interface FlushExpected {
  decision: FlushDecision;
  errorCount?: number;
  /** ms after T0 */
  dueAt?: number;
}

export interface Expected {
  decision: Decision;
  errorCount?: number;
  /** ms after T0 */
  firstSeen?: number;
  lastSeen?: number;
  late?: number;
  duplicates?: number;
  components?: string[];
  /** Alert id is the one opened at this step index (alert ids are `alert-<step>`). */
  alertFromStep?: number;
}

export interface WindowCase {
  name: string;
  settings: Partial<WindowSettings>;
  steps: Step[];
}

export const HIGH: WindowSettings = {
  threshold: 5,
  windowMs: 5 * MINUTE,
  lateToleranceMs: 2 * MINUTE,
  updateIntervalMs: 30 * SECOND,
  logCap: 1000,
};

const one = (id: string, at: number, component?: string): CaseEvent =>
  component ? { id, at, component } : { id, at };
const burst = (prefix: string, count: number, from: number, every: number): CaseEvent[] =>
  Array.from({ length: count }, (_, i) => one(`${prefix}${i}`, from + i * every));

export const WINDOW_CASES: WindowCase[] = [
  {
    name: 'exactly at the threshold fires, on the event that reaches it',
    settings: {},
    steps: [
      ...burst('e', 4, 0, MINUTE).map((event) => ({
        events: [event],
        expect: { decision: 'none' as const },
      })),
      {
        events: [one('e4', 4 * MINUTE)],
        expect: { decision: 'new', errorCount: 5, firstSeen: 0, lastSeen: 4 * MINUTE, alertFromStep: 4 },
      },
    ],
  },
  {
    name: 'one below the threshold does not fire',
    settings: {},
    steps: [{ events: burst('e', 4, 0, 10 * SECOND), expect: { decision: 'none' } }],
  },
  {
    name: 'both ends of the window count',
    settings: {},
    steps: [
      { events: burst('e', 4, 0, 0), expect: { decision: 'none' } },
      {
        events: [one('edge', 5 * MINUTE)],
        expect: { decision: 'new', errorCount: 5, firstSeen: 0, lastSeen: 5 * MINUTE },
      },
    ],
  },
  {
    name: 'events that left the window stop counting',
    settings: {},
    steps: [
      { events: burst('old', 4, 0, 0), expect: { decision: 'none' } },
      { events: [one('next', 5 * MINUTE + 1)], expect: { decision: 'none' } },
      { events: burst('new', 3, 6 * MINUTE, SECOND), expect: { decision: 'none' } },
      {
        events: [one('fifth', 6 * MINUTE + 5 * SECOND)],
        expect: { decision: 'new', errorCount: 5, firstSeen: 5 * MINUTE + 1 },
      },
    ],
  },
  {
    name: 'a late event inside the tolerance counts',
    settings: { threshold: 3, windowMs: 10 * MINUTE, lateToleranceMs: MINUTE },
    steps: [
      { events: [one('a', 0), one('b', 8 * MINUTE)], expect: { decision: 'none' } },
      {
        events: [one('late', 7 * MINUTE + 30 * SECOND)],
        expect: { decision: 'new', errorCount: 3, late: 0, firstSeen: 0, lastSeen: 8 * MINUTE },
      },
    ],
  },
  {
    name: 'a late event outside the tolerance does not count',
    settings: { threshold: 3, windowMs: 10 * MINUTE, lateToleranceMs: MINUTE },
    steps: [
      { events: [one('a', 0), one('b', 8 * MINUTE)], expect: { decision: 'none' } },
      { events: [one('late', 6 * MINUTE)], expect: { decision: 'none', late: 1 } },
      { events: [one('c', 8 * MINUTE + SECOND)], expect: { decision: 'new', errorCount: 3, late: 0 } },
    ],
  },
  {
    name: 'a late event completes a burst behind the newest event',
    settings: { threshold: 3, windowMs: MINUTE, lateToleranceMs: 10 * MINUTE },
    steps: [
      { events: [one('a', 0), one('b', 50 * SECOND), one('c', 5 * MINUTE)], expect: { decision: 'none' } },
      // The span ending at the late event holds only a and it; the one from a to b holds three.
      {
        events: [one('late', 20 * SECOND)],
        expect: { decision: 'new', errorCount: 3, firstSeen: 0, lastSeen: 50 * SECOND },
      },
    ],
  },
  {
    name: 'critical: threshold 1 with window 0 fires at once',
    settings: { threshold: 1, windowMs: 0 },
    steps: [
      {
        events: [one('boom', 0, 'payment')],
        expect: { decision: 'new', errorCount: 1, components: ['payment'] },
      },
    ],
  },
  {
    name: 'window 0 with threshold 2 needs two events at the same instant',
    settings: { threshold: 2, windowMs: 0 },
    steps: [
      { events: [one('a', 0), one('b', 1)], expect: { decision: 'none' } },
      { events: [one('c', 1)], expect: { decision: 'new', errorCount: 2, firstSeen: 1, lastSeen: 1 } },
    ],
  },
  {
    name: 'redelivered events are not counted twice',
    settings: {},
    steps: [
      { events: burst('e', 4, 0, SECOND), expect: { decision: 'none' } },
      { events: burst('e', 4, 0, SECOND), expect: { decision: 'none', duplicates: 4 } },
      { events: [one('e4', 4 * SECOND)], expect: { decision: 'new', errorCount: 5 } },
    ],
  },
  {
    name: 'the window holds the components of its events',
    settings: { threshold: 3 },
    steps: [
      { events: [one('a', 0, 'payment'), one('b', SECOND, 'api')], expect: { decision: 'none' } },
      {
        events: [one('c', 2 * SECOND, 'payment'), one('d', 3 * SECOND)],
        expect: { decision: 'new', errorCount: 4, components: ['api', 'payment'] },
      },
    ],
  },
  {
    name: 'an active alert sends updates at most once per interval, never a second new',
    settings: {},
    steps: [
      {
        events: burst('e', 5, 0, SECOND),
        now: 10 * SECOND,
        expect: { decision: 'new', errorCount: 5, alertFromStep: 0 },
      },
      {
        events: burst('f', 3, 10 * SECOND, SECOND),
        now: 20 * SECOND,
        expect: { decision: 'none', errorCount: 8, alertFromStep: 0 },
      },
      {
        events: [one('g', 40 * SECOND, 'api')],
        now: 40 * SECOND,
        expect: { decision: 'update', errorCount: 9, components: ['api'], alertFromStep: 0 },
      },
      { events: [one('h', 50 * SECOND)], now: 50 * SECOND, expect: { decision: 'none', errorCount: 10 } },
      {
        events: [one('h', 50 * SECOND)],
        now: 2 * MINUTE,
        expect: { decision: 'update', errorCount: 10, duplicates: 1 },
      },
      {
        events: [one('h', 50 * SECOND)],
        now: 3 * MINUTE,
        expect: { decision: 'none', errorCount: 10, duplicates: 1 },
      },
    ],
  },
  {
    name: 'replaying the event that opened the alert announces the same alert again',
    settings: {},
    steps: [
      { events: burst('e', 5, 0, SECOND), now: 10 * SECOND, expect: { decision: 'new', alertFromStep: 0 } },
      {
        events: burst('e', 5, 0, SECOND),
        now: 11 * SECOND,
        expect: { decision: 'new', errorCount: 5, duplicates: 5, alertFromStep: 0 },
      },
    ],
  },
  {
    name: 'the flush timer sends held-back counts once the interval has passed, and only once',
    settings: {},
    steps: [
      { events: burst('e', 5, 0, SECOND), now: 5 * SECOND, expect: { decision: 'new', alertFromStep: 0 } },
      { flush: 40 * SECOND, expect: { decision: 'gone' } },
      {
        events: burst('f', 2, 6 * SECOND, SECOND),
        now: 10 * SECOND,
        expect: { decision: 'none', errorCount: 7 },
      },
      { flush: 34 * SECOND, expect: { decision: 'later', dueAt: 35 * SECOND } },
      { flush: 35 * SECOND, alertId: 'other', expect: { decision: 'gone' } },
      { flush: 35 * SECOND, expect: { decision: 'update', errorCount: 7 } },
      { flush: 36 * SECOND, expect: { decision: 'gone' } },
      // Its interval counts from the flush: the next event is held back until 65 s.
      { events: [one('g', 50 * SECOND)], now: 50 * SECOND, expect: { decision: 'none', errorCount: 8 } },
      { flush: 64 * SECOND, expect: { decision: 'later', dueAt: 65 * SECOND } },
      { events: [one('h', 66 * SECOND)], now: 66 * SECOND, expect: { decision: 'update', errorCount: 9 } },
      { flush: 100 * SECOND, expect: { decision: 'gone' } },
      { events: [one('i', 80 * SECOND)], now: 80 * SECOND, expect: { decision: 'none' } },
      { resolve: 'current', expectCleared: true },
      { flush: 200 * SECOND, expect: { decision: 'gone' } },
    ],
  },
  {
    name: 'after a resolve only a new burst fires, as a new alert',
    settings: {},
    steps: [
      { events: burst('e', 5, 0, SECOND), expect: { decision: 'new', alertFromStep: 0 } },
      { resolve: 'other', expectCleared: false },
      { resolve: 'current', expectCleared: true },
      { events: burst('f', 4, 10 * SECOND, SECOND), expect: { decision: 'none' } },
      {
        events: [one('f4', 15 * SECOND)],
        expect: { decision: 'new', errorCount: 5, firstSeen: 10 * SECOND, alertFromStep: 4 },
      },
    ],
  },
];

/** What one step produced, the same shape from the model and from Redis. Times absolute (ms). */
export interface Outcome {
  decision: Decision;
  alertId: string;
  errorCount: number;
  firstSeen: number;
  lastSeen: number;
  late: number;
  duplicates: number;
  counted: number;
  components: string[];
  /** Events the alert holds back, and its last signal's time (0, 0 without an alert). */
  pending: number;
  signalAt: number;
}

export function settingsOf(windowCase: WindowCase): WindowSettings {
  return { ...HIGH, ...windowCase.settings };
}

/** Processing time of a step: given, or its newest event. */
export function nowOf(step: { events: CaseEvent[]; now?: number }): number {
  return T0 + (step.now ?? Math.max(...step.events.map((event) => event.at)));
}

export function alertIdOf(stepIndex: number): string {
  return `alert-${stepIndex}`;
}

/** The step's expectations, as a partial Outcome to match. */
export function expectedOutcome(expected: Expected): Partial<Outcome> {
  const partial: Partial<Outcome> = { decision: expected.decision };
  if (expected.errorCount !== undefined) partial.errorCount = expected.errorCount;
  if (expected.firstSeen !== undefined) partial.firstSeen = T0 + expected.firstSeen;
  if (expected.lastSeen !== undefined) partial.lastSeen = T0 + expected.lastSeen;
  if (expected.late !== undefined) partial.late = expected.late;
  if (expected.duplicates !== undefined) partial.duplicates = expected.duplicates;
  if (expected.components !== undefined) partial.components = expected.components;
  if (expected.alertFromStep !== undefined) partial.alertId = alertIdOf(expected.alertFromStep);
  return partial;
}

/** The flush step's expectations, absolute times. */
export function expectedFlush(expected: FlushExpected): {
  decision: FlushDecision;
  errorCount?: number;
  dueAt?: number;
} {
  const partial: { decision: FlushDecision; errorCount?: number; dueAt?: number } = {
    decision: expected.decision,
  };
  if (expected.errorCount !== undefined) partial.errorCount = expected.errorCount;
  if (expected.dueAt !== undefined) partial.dueAt = T0 + expected.dueAt;
  return partial;
}
