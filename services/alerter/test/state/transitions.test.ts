import { type AlertCommand, type AlertSignal, SCHEMA_VERSION } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/state/alert-record.js';
import { type AlertPolicy, FOLLOW_UP_CHANNELS } from '../../src/state/policy.js';
import {
  applyCommand,
  applySignal,
  runEscalation,
  runSla,
  runUnack,
  type TransitionContext,
} from '../../src/state/transitions.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const policy: AlertPolicy = {
  routing: {
    critical: { channels: ['slack', 'sms'], recipients: ['oncall', 'lead'] },
    high: { channels: ['email'], recipients: ['dev'] },
    medium: { channels: ['slack'], recipients: ['dev'] },
    low: { channels: ['dashboard'], recipients: ['dev'] },
  },
  escalationAfterMs: { critical: [1000, 2000], high: [], medium: [], low: [] },
  ackTimeoutMs: 5000,
  respondWithinMs: { critical: 900_000, high: 3_600_000, medium: 1, low: 1 },
  followUpChannels: FOLLOW_UP_CHANNELS,
};
const ctx = (now: number, silences: TransitionContext['silences'] = []): TransitionContext => ({
  now,
  policy,
  silences,
});

function signal(overrides: Partial<AlertSignal> = {}): AlertSignal {
  const at = new Date(T0).toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'new',
    alertId: 'a1',
    dedupKey: 'shop:critical',
    scope: { projectId: 'shop', severity: 'critical' },
    severity: 'critical',
    errorCount: 1,
    affectedComponents: ['db'],
    message: 'CRITICAL: 1 errors detected',
    samples: [],
    window: { sizeMs: 0, threshold: 1 },
    firstSeen: at,
    lastSeen: at,
    emittedAt: at,
    ...overrides,
  };
}
const command = (action: AlertCommand['action'], id = 'c1'): AlertCommand => ({
  schemaVersion: SCHEMA_VERSION,
  commandId: id,
  alertId: 'a1',
  action,
  actor: 'alice',
  issuedAt: new Date(T0).toISOString(),
});
const fired = (): AlertRecord => applySignal(undefined, signal(), ctx(T0)).record;

describe('alert transitions', () => {
  it('fires: one page per channel and recipient now, each escalation stage and the SLA check later', () => {
    const outcome = applySignal(undefined, signal(), ctx(T0));
    expect(outcome.record.alert).toMatchObject({ status: 'firing', stage: 0 });
    expect(outcome.events.map((e) => e.type)).toEqual(['fired']);
    const jobs = outcome.jobs.map(({ job, dueAt }) => [
      job.kind,
      'channel' in job ? `${job.channel}:${job.recipient}` : 'stage' in job ? job.stage : '',
      dueAt - T0,
    ]);
    expect(jobs).toEqual([
      ['deliver', 'slack:oncall', 0],
      ['deliver', 'slack:lead', 0],
      ['deliver', 'sms:oncall', 0],
      ['deliver', 'sms:lead', 0],
      ['escalate', 1, 1000],
      ['escalate', 2, 2000],
      ['sla', '', 900_000],
    ]);
  });

  it.each([
    {
      name: 'a redelivered new signal re-emits the same fired event and jobs, storing nothing',
      kind: 'new' as const,
      changed: false,
      type: 'fired',
    },
    { name: 'an update refreshes counts', kind: 'update' as const, changed: true, type: 'updated' },
  ])('$name', ({ kind, changed, type }) => {
    const first = applySignal(undefined, signal(), ctx(T0));
    const again = applySignal(first.record, signal({ kind, errorCount: 7 }), ctx(T0 + 10));
    expect(again.changed).toBe(changed);
    expect(again.events.map((e) => e.type)).toEqual([type]);
    if (kind === 'new') {
      expect(again.events[0]?.eventId).toBe(first.events[0]?.eventId);
      // Same jobs (ZADD NX keeps the first due times).
      expect(again.jobs.map((j) => j.job)).toEqual(first.jobs.map((j) => j.job));
    } else expect(again.record.alert.errorCount).toBe(7);
  });

  it('a silence records the alert and pages nobody', () => {
    const silence = {
      id: 's1',
      matchers: { projectId: 'shop' },
      startsAt: new Date(T0 - 1).toISOString(),
      endsAt: new Date(T0 + 1000).toISOString(),
      createdBy: 'ops',
    };
    const outcome = applySignal(undefined, signal(), ctx(T0, [silence]));
    expect(outcome.events.map((e) => e.type)).toEqual(['fired', 'silenced']);
    expect(outcome.jobs.filter((j) => j.job.kind === 'deliver')).toEqual([]);
  });

  it('escalates a firing alert once per stage', () => {
    const outcome = runEscalation(fired(), 1, ctx(T0 + 1000));
    if (!outcome || 'retryAt' in outcome) throw new Error('expected an escalation');
    expect(outcome.record.alert.stage).toBe(1);
    expect(outcome.events.map((e) => e.type)).toEqual(['escalated']);
    expect(outcome.jobs).toHaveLength(4);
    // Stored but maybe never applied (Kafka down): the same event and page again, nothing to store.
    const replay = runEscalation(outcome.record, 1, ctx(T0 + 1001));
    if (!replay || 'retryAt' in replay) throw new Error('expected a replay');
    expect(replay.changed).toBe(false);
    expect(replay.events.map((e) => e.eventId)).toEqual(outcome.events.map((e) => e.eventId));
    expect(replay.jobs.map((j) => j.job)).toEqual(outcome.jobs.map((j) => j.job));
    const past = { ...outcome.record, alert: { ...outcome.record.alert, stage: 2 } };
    expect(runEscalation(past, 1, ctx(T0 + 1001))).toBeUndefined();
  });

  it('re-emits a stored lapse and a stored command under the same event ids', () => {
    const acked = applyCommand(fired(), command('acknowledge'), ctx(T0));
    const again = applyCommand(acked.record, command('acknowledge'), ctx(T0 + 10));
    expect(again.changed).toBe(false);
    expect(again.events.map((e) => e.eventId)).toEqual(acked.events.map((e) => e.eventId));
    expect(again.jobs.map((j) => j.job)).toEqual(acked.jobs.map((j) => j.job));
    expect(applyCommand(acked.record, command('acknowledge', 'c2'), ctx(T0 + 10)).events).toEqual([]);
    const lapsed = runUnack(acked.record, T0 + 5000, ctx(T0 + 5000));
    const replay = runUnack(lapsed?.record, T0 + 5000, ctx(T0 + 6000));
    expect(replay?.changed).toBe(false);
    expect(replay?.events.map((e) => e.eventId)).toEqual(lapsed?.events.map((e) => e.eventId));
    const resolved = applyCommand(fired(), command('resolve', 'r1'), ctx(T0));
    const resolvedAgain = applyCommand(resolved.record, command('resolve', 'r1'), ctx(T0 + 10));
    expect(resolvedAgain.events.map((e) => e.eventId)).toEqual(resolved.events.map((e) => e.eventId));
    expect(resolvedAgain.dropJobs).toEqual(resolved.dropJobs);
  });

  it('holds escalation while acknowledged, and escalates after the acknowledgement lapses', () => {
    const acked = applyCommand(fired(), command('acknowledge'), ctx(T0 + 100));
    expect(acked.record.ackExpiresAt).toBe(T0 + 5100);
    expect(acked.jobs.map((j) => j.job.kind)).toEqual(['deliver', 'deliver', 'unack']); // slack follow-ups, not sms
    expect(runEscalation(acked.record, 1, ctx(T0 + 1000))).toEqual({ retryAt: T0 + 5100 });
    const late = runEscalation(acked.record, 1, ctx(T0 + 5100));
    if (!late || 'retryAt' in late) throw new Error('expected an escalation');
    expect(late.events.map((e) => e.type)).toEqual(['unacknowledged', 'escalated']);
    expect(late.record.alert).toMatchObject({ status: 'firing', stage: 1 });
  });

  it('returns a lapsed acknowledgement to firing, only for the acknowledgement that lapsed', () => {
    const acked = applyCommand(fired(), command('acknowledge'), ctx(T0)).record;
    expect(runUnack(acked, T0 + 5000, ctx(T0 + 4999))).toBeUndefined();
    expect(runUnack(acked, T0 + 1, ctx(T0 + 6000))).toBeUndefined();
    expect(runUnack(acked, T0 + 5000, ctx(T0 + 5000))?.record.alert.status).toBe('firing');
  });

  it('resolve stops escalation, tells follow-up channels and is final', () => {
    const resolved = applyCommand(fired(), command('resolve'), ctx(T0 + 10));
    expect(resolved.record.alert).toMatchObject({ status: 'resolved', resolvedBy: 'alice' });
    expect(
      resolved.jobs.map((j) => (j.job.kind === 'deliver' ? `${j.job.purpose}:${j.job.channel}` : j.job.kind)),
    ).toEqual(['resolved:slack', 'resolved:slack']);
    expect(resolved.dropJobs.map((j) => j.kind)).toEqual(['escalate', 'escalate', 'sla']);
    expect(runEscalation(resolved.record, 1, ctx(T0 + 1000))).toBeUndefined();
    expect(applyCommand(resolved.record, command('acknowledge', 'c2'), ctx(T0 + 20)).changed).toBe(false);
  });

  it('breaches the SLA only when never acknowledged', () => {
    expect(runSla(fired(), ctx(T0 + 900_000))?.events[0]).toMatchObject({
      type: 'sla_breached',
      reason: 'not acknowledged within 15 min (critical target)',
    });
    const acked = applyCommand(fired(), command('acknowledge'), ctx(T0)).record;
    expect(runSla(acked, ctx(T0 + 900_000))).toBeUndefined();
    // A check retried after a late acknowledgement still reports the breach.
    const late = applyCommand(fired(), command('acknowledge'), ctx(T0 + 900_001)).record;
    expect(runSla(late, ctx(T0 + 900_002))?.events.map((e) => e.type)).toEqual(['sla_breached']);
  });
});
