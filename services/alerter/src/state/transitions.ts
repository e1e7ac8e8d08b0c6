import type { Silence } from '@faultline/api-contracts';
import {
  type AlertCommand,
  type AlertEvent,
  type AlertSignal,
  type AlertState,
  SCHEMA_VERSION,
} from '@faultline/contracts';
import type { DeliveryPurpose, Job, ScheduledJob } from '../schedule/jobs.js';
import { findSilence } from '../silences/silence.js';
import { type AlertRecord, isAckLapsed } from './alert-record.js';
import { eventIdFor } from './event-id.js';
import type { AlertPolicy } from './policy.js';

/**
 * The alert state machine as pure functions: each takes the stored record (or none) and
 * returns the next record, the alert-events to write and the jobs to schedule. The I/O
 * shell applies them with a compare-and-set, so replicas never overwrite each other.
 */

export interface TransitionContext {
  now: number;
  policy: AlertPolicy;
  silences: readonly Silence[];
}

export interface Outcome {
  record: AlertRecord;
  /** false: nothing to store (events and jobs may still be re-emitted, idempotently). */
  changed: boolean;
  events: AlertEvent[];
  jobs: ScheduledJob[];
  dropJobs: Job[];
}

function event(
  type: AlertEvent['type'],
  alert: AlertState,
  now: number,
  idParts: (string | number)[],
  extra: Pick<AlertEvent, 'actor' | 'reason'> = {},
): AlertEvent {
  return {
    schemaVersion: SCHEMA_VERSION,
    eventId: eventIdFor(alert.alertId, type, ...idParts),
    type,
    at: new Date(now).toISOString(),
    alert,
    ...extra,
  };
}

function deliveries(record: AlertRecord, purpose: DeliveryPurpose, ctx: TransitionContext): ScheduledJob[] {
  const route = ctx.policy.routing[record.alert.severity];
  const channels =
    purpose === 'page' ? route.channels : route.channels.filter((c) => ctx.policy.followUpChannels.has(c));
  return channels.flatMap((channel) =>
    route.recipients.map((recipient) => ({
      job: {
        kind: 'deliver' as const,
        alertId: record.alert.alertId,
        purpose,
        stage: record.alert.stage,
        channel,
        recipient,
      },
      dueAt: ctx.now,
    })),
  );
}

/** The page of the record's current stage, unless a silence holds: then it is recorded and nobody is paged. */
function page(record: AlertRecord, ctx: TransitionContext): { events: AlertEvent[]; jobs: ScheduledJob[] } {
  const silence = findSilence(ctx.silences, record.alert, ctx.now);
  if (silence) {
    const reason = `silence ${silence.id} by ${silence.createdBy}${silence.comment ? `: ${silence.comment}` : ''}`;
    return { events: [event('silenced', record.alert, ctx.now, [record.alert.stage], { reason })], jobs: [] };
  }
  return { events: [], jobs: deliveries(record, 'page', ctx) };
}

/** Jobs every open alert has from its firing: each escalation stage, and the SLA check. */
function lifecycleJobs(record: AlertRecord, ctx: TransitionContext): ScheduledJob[] {
  const { alertId, severity } = record.alert;
  const escalations = ctx.policy.escalationAfterMs[severity].map((afterMs, i) => ({
    job: { kind: 'escalate' as const, alertId, stage: i + 1 },
    dueAt: record.firedAt + afterMs,
  }));
  return [
    ...escalations,
    { job: { kind: 'sla', alertId }, dueAt: record.firedAt + ctx.policy.respondWithinMs[severity] },
  ];
}

function fire(signal: AlertSignal, ctx: TransitionContext): Outcome {
  const record: AlertRecord = {
    alert: {
      alertId: signal.alertId,
      dedupKey: signal.dedupKey,
      scope: signal.scope,
      severity: signal.severity,
      status: 'firing',
      errorCount: signal.errorCount,
      affectedComponents: signal.affectedComponents,
      message: signal.message,
      samples: signal.samples,
      firstSeen: signal.firstSeen,
      lastSeen: signal.lastSeen,
      stage: 0,
    },
    firedAt: ctx.now,
  };
  const first = page(record, ctx);
  return {
    record,
    changed: true,
    events: [event('fired', record.alert, ctx.now, []), ...first.events],
    jobs: [...first.jobs, ...lifecycleJobs(record, ctx)],
    dropJobs: [],
  };
}

/**
 * `new` opens an alert; `update` refreshes its counts. A `new` for an alert already stored is
 * a redelivery (the consumer crashed after storing it): its events and jobs are produced
 * again, idempotently, in case the crash came before they were.
 */
export function applySignal(
  current: AlertRecord | undefined,
  signal: AlertSignal,
  ctx: TransitionContext,
): Outcome {
  if (!current) return fire(signal, ctx);
  if (signal.kind === 'new') {
    const open = current.alert.status !== 'resolved';
    const replay =
      open && current.alert.stage === 0 && current.alert.status === 'firing'
        ? page(current, ctx)
        : { events: [], jobs: [] };
    return {
      record: current,
      changed: false,
      events: [event('fired', current.alert, current.firedAt, []), ...replay.events],
      jobs: open ? [...replay.jobs, ...lifecycleJobs(current, ctx)] : [],
      dropJobs: [],
    };
  }
  const alert: AlertState = {
    ...current.alert,
    errorCount: Math.max(current.alert.errorCount, signal.errorCount),
    affectedComponents: signal.affectedComponents,
    message: signal.message,
    samples: signal.samples,
    lastSeen:
      Date.parse(signal.lastSeen) > Date.parse(current.alert.lastSeen)
        ? signal.lastSeen
        : current.alert.lastSeen,
  };
  const record = { ...current, alert };
  return {
    record,
    changed: true,
    events: [event('updated', alert, ctx.now, [signal.emittedAt, signal.errorCount])],
    jobs: [],
    dropJobs: [],
  };
}

function unchanged(record: AlertRecord): Outcome {
  return { record, changed: false, events: [], jobs: [], dropJobs: [] };
}

function unacknowledge(
  record: AlertRecord,
  ctx: TransitionContext,
  why: string,
): { record: AlertRecord; event: AlertEvent } {
  const { acknowledgedBy: _by, ...alert } = record.alert;
  const next: AlertRecord = { ...record, alert: { ...alert, status: 'firing' } };
  if (record.ackExpiresAt !== undefined) next.lapsedAckExpiresAt = record.ackExpiresAt;
  delete next.ackExpiresAt;
  return {
    record: next,
    event: event('unacknowledged', next.alert, ctx.now, [record.ackExpiresAt ?? 0], { reason: why }),
  };
}

/** acknowledge: firing -> acknowledged (a lapsed one may be renewed); resolve: any open -> resolved. */
export function applyCommand(current: AlertRecord, command: AlertCommand, ctx: TransitionContext): Outcome {
  const { status } = current.alert;
  if (command.action === 'acknowledge') {
    if (current.ackCommandId === command.commandId && status === 'acknowledged')
      return replayAcknowledge(current, command, ctx);
    if (status === 'resolved' || (status === 'acknowledged' && !isAckLapsed(current, ctx.now)))
      return unchanged(current);
    const record: AlertRecord = {
      ...current,
      alert: { ...current.alert, status: 'acknowledged', acknowledgedBy: command.actor },
      acknowledgedAt: ctx.now,
      firstAcknowledgedAt: current.firstAcknowledgedAt ?? ctx.now,
      ackCommandId: command.commandId,
    };
    delete record.ackExpiresAt;
    if (ctx.policy.ackTimeoutMs > 0) record.ackExpiresAt = ctx.now + ctx.policy.ackTimeoutMs;
    return { ...replayAcknowledge(record, command, ctx), changed: true };
  }
  if (status === 'resolved')
    return current.resolveCommandId === command.commandId
      ? replayResolve(current, current, command, ctx)
      : unchanged(current);
  const record: AlertRecord = {
    ...current,
    alert: { ...current.alert, status: 'resolved', resolvedBy: command.actor },
    resolvedAt: ctx.now,
    resolveCommandId: command.commandId,
  };
  delete record.ackExpiresAt;
  return { ...replayResolve(current, record, command, ctx), changed: true };
}

function commandExtra(command: AlertCommand): Pick<AlertEvent, 'actor' | 'reason'> {
  return { actor: command.actor, ...(command.reason ? { reason: command.reason } : {}) };
}

/**
 * The effects of an acknowledgement already in `record`. A command redelivered after its state
 * was stored but before its effects were written produces them again (same event id, jobs
 * added with NX, deliveries kept once by the delivery log).
 */
function replayAcknowledge(record: AlertRecord, command: AlertCommand, ctx: TransitionContext): Outcome {
  const at = record.acknowledgedAt ?? ctx.now;
  const jobs = deliveries(record, 'acknowledged', ctx);
  if (record.ackExpiresAt !== undefined)
    jobs.push({
      job: { kind: 'unack', alertId: record.alert.alertId, ackExpiresAt: record.ackExpiresAt },
      dueAt: record.ackExpiresAt,
    });
  return {
    record,
    changed: false,
    events: [event('acknowledged', record.alert, at, [command.commandId], commandExtra(command))],
    jobs,
    dropJobs: [],
  };
}

/** The effects of a resolution already in `record` (see replayAcknowledge); `before` is the open record it replaced. */
function replayResolve(
  before: AlertRecord,
  record: AlertRecord,
  command: AlertCommand,
  ctx: TransitionContext,
): Outcome {
  const { alertId, severity } = record.alert;
  const dropJobs: Job[] = ctx.policy.escalationAfterMs[severity].map((_, i) => ({
    kind: 'escalate',
    alertId,
    stage: i + 1,
  }));
  dropJobs.push({ kind: 'sla', alertId });
  if (before.ackExpiresAt !== undefined)
    dropJobs.push({ kind: 'unack', alertId, ackExpiresAt: before.ackExpiresAt });
  const at = record.resolvedAt ?? ctx.now;
  return {
    record,
    changed: false,
    events: [event('resolved', record.alert, at, [command.commandId], commandExtra(command))],
    jobs: deliveries(record, 'resolved', ctx),
    dropJobs,
  };
}

export type EscalationOutcome = Outcome | { retryAt: number } | undefined;

/**
 * A due escalation stage. Resolved, or already past the stage: nothing. Already at the stage:
 * the stage was stored but its effects may not have been written (Kafka down), so its
 * `escalated` event and, while still firing, its page are produced again; event ids and the
 * delivery log keep them once. Acknowledged: held until the acknowledgement lapses (or dropped
 * if it never does). A lapsed acknowledgement returns the alert to firing first.
 */
export function runEscalation(
  current: AlertRecord | undefined,
  stage: number,
  ctx: TransitionContext,
): EscalationOutcome {
  if (!current || current.alert.status === 'resolved' || current.alert.stage > stage) return undefined;
  if (current.alert.stage === stage) return replayEscalation(current, ctx);
  const events: AlertEvent[] = [];
  let record = current;
  if (record.alert.status === 'acknowledged') {
    if (record.ackExpiresAt === undefined) return undefined;
    if (!isAckLapsed(record, ctx.now)) return { retryAt: record.ackExpiresAt };
    const lapsed = unacknowledge(record, ctx, 'acknowledgement timed out');
    record = lapsed.record;
    events.push(lapsed.event);
  }
  record = { ...record, alert: { ...record.alert, stage } };
  events.push(escalatedEvent(record, ctx));
  const paged = page(record, ctx);
  return { record, changed: true, events: [...events, ...paged.events], jobs: paged.jobs, dropJobs: [] };
}

function escalatedEvent(record: AlertRecord, ctx: TransitionContext): AlertEvent {
  const { stage } = record.alert;
  return event('escalated', record.alert, ctx.now, [stage], {
    reason: `not acknowledged: escalation stage ${stage}`,
  });
}

function replayEscalation(record: AlertRecord, ctx: TransitionContext): Outcome {
  const paged = record.alert.status === 'firing' ? page(record, ctx) : { events: [], jobs: [] };
  return {
    record,
    changed: false,
    events: [escalatedEvent(record, ctx), ...paged.events],
    jobs: paged.jobs,
    dropJobs: [],
  };
}

/**
 * An acknowledgement's timeout: if it is still the one that lapsed, the alert fires again. If
 * that lapse is already stored (by this job before its event was written, or by an escalation),
 * its `unacknowledged` event is produced again under the same id.
 */
export function runUnack(
  current: AlertRecord | undefined,
  ackExpiresAt: number,
  ctx: TransitionContext,
): Outcome | undefined {
  if (current?.lapsedAckExpiresAt === ackExpiresAt)
    return {
      record: current,
      changed: false,
      events: [
        event('unacknowledged', current.alert, ctx.now, [ackExpiresAt], {
          reason: 'acknowledgement timed out',
        }),
      ],
      jobs: [],
      dropJobs: [],
    };
  if (!current || current.ackExpiresAt !== ackExpiresAt || !isAckLapsed(current, ctx.now)) return undefined;
  const lapsed = unacknowledge(current, ctx, 'acknowledgement timed out');
  return { record: lapsed.record, changed: true, events: [lapsed.event], jobs: [], dropJobs: [] };
}

/**
 * Time to acknowledge: an alert not acknowledged by its target breaches the SLA. Judged by the
 * first acknowledgement's time, not its presence, so a check retried (its event unwritten) after
 * a late acknowledgement still reports the breach.
 */
export function runSla(current: AlertRecord | undefined, ctx: TransitionContext): Outcome | undefined {
  if (!current || current.alert.status === 'resolved') return undefined;
  const targetMs = ctx.policy.respondWithinMs[current.alert.severity];
  const ackedAt = current.firstAcknowledgedAt;
  if (ackedAt !== undefined && ackedAt <= current.firedAt + targetMs) return undefined;
  const reason = `not acknowledged within ${formatDuration(targetMs)} (${current.alert.severity} target)`;
  return {
    record: current,
    changed: false,
    events: [event('sla_breached', current.alert, ctx.now, [], { reason })],
    jobs: [],
    dropJobs: [],
  };
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
