/**
 * The window maths of one alert scope, pure: what the Redis script (window-script.ts) does
 * atomically, written as plain TypeScript so it can be tested with a controlled clock. The
 * conformance test runs the same cases through both.
 *
 * - Event time counts. The scope's watermark is the newest event time it has seen; an event
 *   more than `lateToleranceMs` behind it is late and dropped.
 * - An alert opens when some span of `windowMs` (both ends included) holds `threshold`
 *   accepted events, the new one among them. Window 0 with threshold 1 fires at once.
 * - Events are known by id: a redelivered event is not counted twice.
 * - While the alert is active events only add to it; `update` goes out at most once per
 *   `updateIntervalMs`. Replaying the event that opened the alert announces it again (same
 *   alertId), so a crash between the script and the produce loses nothing.
 */

export interface WindowSettings {
  threshold: number;
  windowMs: number;
  lateToleranceMs: number;
  updateIntervalMs: number;
  /** Most log entries kept (see logCapFor). */
  logCap: number;
}

export interface WindowEvent {
  id: string;
  /** Event time in ms, already clamped to the processing clock. */
  time: number;
  /** '' when the event has none. */
  component: string;
}

export interface LogEntry {
  id: string;
  component: string;
  time: number;
}

export interface ActiveAlert {
  alertId: string;
  /** The event whose arrival opened the alert. */
  triggerId: string;
  errorCount: number;
  firstSeen: number;
  lastSeen: number;
  /** First MAX_COMPONENTS distinct components, in order of arrival. */
  components: string[];
  lastSignalAt: number;
  /** Events counted since the last signal. */
  pending: number;
}

export interface ScopeState {
  watermark?: number;
  /** Sorted by time, then id. */
  log: LogEntry[];
  alert?: ActiveAlert;
}

export type Decision = 'new' | 'update' | 'none';

export interface StepResult {
  state: ScopeState;
  decision: Decision;
  late: number;
  duplicates: number;
  counted: number;
}

export const MAX_COMPONENTS = 100;

/**
 * Entries the log must keep so no window is missed while no alert is active: every span of
 * `windowMs` then holds fewer than `threshold`, and the log spans `windowMs + lateToleranceMs`.
 * Bounded by `maxLogEntries`, never below the threshold itself.
 */
export function logCapFor(
  rule: { threshold: number; windowMs: number },
  lateToleranceMs: number,
  maxLogEntries: number,
): number {
  const spans = 2 + Math.ceil(lateToleranceMs / Math.max(rule.windowMs, 1));
  return Math.max(rule.threshold, Math.min(maxLogEntries, rule.threshold * spans));
}

export function emptyScope(): ScopeState {
  return { log: [] };
}

/** Applies one batch of a scope's events, in order, at processing time `now`. */
export function applyEvents(
  previous: ScopeState,
  events: readonly WindowEvent[],
  options: { now: number; settings: WindowSettings; newAlertId: string },
): StepResult {
  const { now, settings } = options;
  const { threshold, windowMs, lateToleranceMs } = settings;
  const log = [...previous.log];
  let watermark = previous.watermark;
  let alert = previous.alert ? { ...previous.alert, components: [...previous.alert.components] } : undefined;
  let fired = false;
  let reannounce = false;
  let late = 0;
  let duplicates = 0;
  let counted = 0;

  for (const event of events) {
    if (alert && event.id === alert.triggerId) reannounce = true;
    const before = watermark;
    if (watermark === undefined || event.time > watermark) watermark = event.time;
    if (event.time < watermark - lateToleranceMs) {
      late++;
      continue;
    }
    if (log.some((entry) => entry.id === event.id && entry.component === event.component)) {
      duplicates++;
      continue;
    }
    insertSorted(log, { id: event.id, component: event.component, time: event.time });
    counted++;

    if (alert) {
      alert.errorCount++;
      alert.pending++;
      alert.firstSeen = Math.min(alert.firstSeen, event.time);
      alert.lastSeen = Math.max(alert.lastSeen, event.time);
      addComponent(alert.components, event.component);
      continue;
    }
    const window = fullestWindowWith(log, event.time, windowMs, before === undefined || event.time >= before);
    if (window.length >= threshold) {
      const components: string[] = [];
      for (const entry of window) addComponent(components, entry.component);
      alert = {
        alertId: options.newAlertId,
        triggerId: event.id,
        errorCount: window.length,
        firstSeen: (window[0] as LogEntry).time,
        lastSeen: (window[window.length - 1] as LogEntry).time,
        components,
        lastSignalAt: now,
        pending: 0,
      };
      fired = true;
    }
  }

  if (watermark !== undefined) {
    const keepFrom = watermark - windowMs - lateToleranceMs;
    const kept = log.filter((entry) => entry.time >= keepFrom);
    log.splice(0, log.length, ...kept.slice(Math.max(0, kept.length - settings.logCap)));
  }

  let decision: Decision = 'none';
  if (alert && (fired || reannounce)) decision = 'new';
  else if (alert && alert.pending > 0 && now - alert.lastSignalAt >= settings.updateIntervalMs)
    decision = 'update';
  if (alert && decision !== 'none') {
    alert.lastSignalAt = now;
    alert.pending = 0;
  }
  const state: ScopeState = { log };
  if (watermark !== undefined) state.watermark = watermark;
  if (alert) state.alert = alert;
  return { state, decision, late, duplicates, counted };
}

/** The alerter resolved `alertId`: forget it and its events, so only a new burst opens the next alert. */
export function resolveAlert(state: ScopeState, alertId: string): { state: ScopeState; cleared: boolean } {
  if (state.alert?.alertId !== alertId) return { state, cleared: false };
  const next: ScopeState = { log: [] };
  if (state.watermark !== undefined) next.watermark = state.watermark;
  return { state: next, cleared: true };
}

/**
 * The entries of the fullest span of `windowMs` that contains `time` (the earliest such span on
 * a tie). When `time` is the newest event, that is simply the span ending at it.
 */
function fullestWindowWith(
  log: readonly LogEntry[],
  time: number,
  windowMs: number,
  newest: boolean,
): LogEntry[] {
  if (newest) return log.filter((entry) => entry.time >= time - windowMs);
  const near = log.filter((entry) => entry.time >= time - windowMs && entry.time <= time + windowMs);
  let best = { start: 0, end: -1 };
  let end = 0;
  for (let start = 0; start < near.length; start++) {
    const startTime = (near[start] as LogEntry).time;
    if (startTime > time) break;
    end = Math.max(end, start);
    while (end + 1 < near.length && (near[end + 1] as LogEntry).time <= startTime + windowMs) end++;
    if (end - start > best.end - best.start) best = { start, end };
  }
  return near.slice(best.start, best.end + 1);
}

function insertSorted(log: LogEntry[], entry: LogEntry): void {
  const member = memberOf(entry);
  let at = log.length;
  while (at > 0) {
    const previous = log[at - 1] as LogEntry;
    if (previous.time < entry.time || (previous.time === entry.time && memberOf(previous) < member)) break;
    at--;
  }
  log.splice(at, 0, entry);
}

/** How Redis orders equal scores: by member bytes. */
function memberOf(entry: LogEntry): string {
  return `${entry.id}|${entry.component}`;
}

function addComponent(components: string[], component: string): void {
  if (component !== '' && components.length < MAX_COMPONENTS && !components.includes(component))
    components.push(component);
}

export type FlushDecision = 'update' | 'later' | 'gone';

export interface FlushResult {
  state: ScopeState;
  /** `update`: send the held-back counts now; `later`: not due before `dueAt`; `gone`: nothing to send. */
  decision: FlushDecision;
  /** With `later`: when the update becomes due. */
  dueAt?: number;
}

/** When the counts held back by an active alert must go out, or undefined when none are held back. */
export function flushDueAt(alert: ActiveAlert | undefined, updateIntervalMs: number): number | undefined {
  if (!alert || alert.pending === 0) return undefined;
  return alert.lastSignalAt + updateIntervalMs;
}

/**
 * A timer's look at a scope with no new events: if `alertId` is still active and holds counts
 * back for at least `updateIntervalMs` since its last signal, they go out now as an `update`
 * and are marked sent, so a second flush (another replica) finds nothing.
 */
export function flushAlert(
  state: ScopeState,
  alertId: string,
  options: { now: number; updateIntervalMs: number },
): FlushResult {
  const alert = state.alert;
  if (alert?.alertId !== alertId) return { state, decision: 'gone' };
  const dueAt = flushDueAt(alert, options.updateIntervalMs);
  if (dueAt === undefined) return { state, decision: 'gone' };
  if (options.now < dueAt) return { state, decision: 'later', dueAt };
  return {
    state: { ...state, alert: { ...alert, lastSignalAt: options.now, pending: 0 } },
    decision: 'update',
  };
}
