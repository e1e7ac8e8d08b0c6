import type { AlertScope } from '@faultline/contracts';
import { execBatch, type RedisClient } from '@faultline/redis';
import type { ChainableCommander } from 'ioredis';
import { type DueScope, dueMemberOf, parseDueMember } from '../flush/due-member.js';
import { dedupKeyOf, hashTagOf, type WindowRule } from '../scope.js';
import type { Decision } from '../window/sliding-window.js';
import { logCapFor } from '../window/sliding-window.js';
import {
  APPLY_EVENTS_LUA,
  CLAIM_DUE_LUA,
  FLUSH_ALERT_LUA,
  RELEASE_DUE_LUA,
  RESOLVE_ALERT_LUA,
} from './window-script.js';

export interface StoreSettings {
  keyPrefix: string;
  lateToleranceMs: number;
  updateIntervalMs: number;
  alertIdleTtlMs: number;
  maxLogEntries: number;
  /** Samples an alert carries. */
  sampleLimit: number;
}

export interface StoredEvent {
  id: string;
  /** Event time in ms, clamped to the processing clock. */
  time: number;
  /** '' when the event has none. */
  component: string;
  /** JSON of the AlertSample, or '' (only a scope's last few events of a batch need one). */
  sample: string;
}

export interface ScopeBatch {
  scope: AlertScope;
  rule: WindowRule;
  events: StoredEvent[];
  /** Used only if this batch opens an alert. */
  newAlertId: string;
}

export interface ScopeOutcome {
  decision: Decision;
  alertId: string;
  errorCount: number;
  firstSeen: number;
  lastSeen: number;
  late: number;
  duplicates: number;
  counted: number;
  components: string[];
  /** JSON of AlertSamples, newest first; filled only with a decision. */
  samples: string[];
  /** Events the active alert holds back from its last signal (0 without an alert). */
  pending: number;
  /** When the active alert's last signal went out (0 without an alert). */
  signalAt: number;
}

/** A due flush this replica claimed from the index, leased until `leaseUntil`. */
export interface ClaimedFlush extends DueScope {
  member: string;
  leaseUntil: number;
}

export type FlushOutcome =
  | {
      decision: 'update';
      alertId: string;
      errorCount: number;
      firstSeen: number;
      lastSeen: number;
      components: string[];
      /** JSON of AlertSamples, newest first. */
      samples: string[];
    }
  /** Not due yet (its alert signalled since): back in the index for `dueAt`. */
  | { decision: 'later'; dueAt: number }
  /** Resolved, forgotten or already flushed: dropped from the index. */
  | { decision: 'gone' };

/** Requests this store sent: pipelines (round trips), commands in them, and commands the scripts ran inside Redis. */
export interface StoreStats {
  roundTrips: number;
  commands: number;
  scriptCalls: number;
}

export interface WindowStore {
  /** Every scope's batch in one round trip (per slot on a Cluster); one atomic script per scope. */
  apply(batches: readonly ScopeBatch[], now: number): Promise<ScopeOutcome[]>;
  /** True when `alertId` was the scope's active alert and is now cleared. */
  resolve(scope: AlertScope, alertId: string): Promise<boolean>;
  /** Up to `limit` flushes due by `now`, leased to this caller for `leaseMs`; atomic across replicas. */
  claimDue(now: number, limit: number, leaseMs: number): Promise<ClaimedFlush[]>;
  /** Sends (marks sent) a claimed scope's held-back counts if still due; `later`/`gone` settle the index entry. */
  flush(claim: ClaimedFlush, now: number): Promise<FlushOutcome>;
  /** Drops a claimed entry once its update is published (kept if an apply re-entered it meanwhile). */
  release(claim: ClaimedFlush): Promise<void>;
  keysOf(scope: AlertScope): ScopeKeys;
  /** The zset of alerts holding counts back -> when they are due (its own Cluster slot). */
  dueKey: string;
  stats(): StoreStats;
}

export interface ScopeKeys {
  log: string;
  state: string;
  samples: string;
  components: string;
}

/** A scope's keys: `{project:severity}` first, so all of them land in one Redis Cluster slot. */
export function scopeKeys(keyPrefix: string, scope: AlertScope): ScopeKeys {
  const base = `${keyPrefix}detector:${hashTagOf(scope)}`;
  const rest = dedupKeyOf(scope).slice(`${scope.projectId}:${scope.severity}`.length);
  return {
    log: `${base}:log${rest}`,
    state: `${base}:state${rest}`,
    samples: `${base}:samples${rest}`,
    components: `${base}:components${rest}`,
  };
}

type ScriptReply = [
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  string[],
  string[],
  number,
  number,
  number,
];
type FlushReply =
  | ['update', string, number, number, number, string[], string[]]
  | ['later', number]
  | ['gone'];
type WithScripts = {
  faultlineDetectorApply(...args: (string | number)[]): WithScripts;
  faultlineDetectorResolve(...args: string[]): Promise<number>;
  faultlineDetectorFlush(...args: (string | number)[]): Promise<FlushReply>;
  faultlineDetectorClaimDue(key: string, now: number, limit: number, leaseUntil: number): Promise<string[]>;
  faultlineDetectorReleaseDue(key: string, member: string, leaseUntil: number): Promise<number>;
};

/** The due index: a hash tag of its own, since it names scopes of every slot. */
export function dueIndexKey(keyPrefix: string): string {
  return `${keyPrefix}detector:{flush}:due`;
}

/** Sliding windows and active-alert keys in Redis, owned by the detector. */
export function createWindowStore(redis: RedisClient, settings: StoreSettings): WindowStore {
  redis.defineCommand('faultlineDetectorApply', { numberOfKeys: 4, lua: APPLY_EVENTS_LUA });
  redis.defineCommand('faultlineDetectorResolve', { numberOfKeys: 4, lua: RESOLVE_ALERT_LUA });
  redis.defineCommand('faultlineDetectorFlush', { numberOfKeys: 4, lua: FLUSH_ALERT_LUA });
  redis.defineCommand('faultlineDetectorClaimDue', { numberOfKeys: 1, lua: CLAIM_DUE_LUA });
  redis.defineCommand('faultlineDetectorReleaseDue', { numberOfKeys: 1, lua: RELEASE_DUE_LUA });
  const scripts = redis as unknown as WithScripts;
  const stats: StoreStats = { roundTrips: 0, commands: 0, scriptCalls: 0 };
  const dueKey = dueIndexKey(settings.keyPrefix);

  const keysOf = (scope: AlertScope) => scopeKeys(settings.keyPrefix, scope);
  const count = (commands: number) => {
    stats.roundTrips++;
    stats.commands += commands;
  };

  const release = async (claim: ClaimedFlush) => {
    count(1);
    await scripts.faultlineDetectorReleaseDue(dueKey, claim.member, claim.leaseUntil);
  };

  return {
    keysOf,
    dueKey,
    stats: () => ({ ...stats }),

    async apply(batches, now) {
      if (batches.length === 0) return [];
      const commands = batches.map(({ scope, rule, events, newAlertId }) => {
        const keys = keysOf(scope);
        const args: (string | number)[] = [keys.log, keys.state, keys.samples, keys.components];
        args.push(
          now,
          rule.threshold,
          rule.windowMs,
          settings.lateToleranceMs,
          logCapFor(rule, settings.lateToleranceMs, settings.maxLogEntries),
          settings.updateIntervalMs,
          settings.alertIdleTtlMs,
          newAlertId,
          settings.sampleLimit,
        );
        for (const event of events) args.push(event.id, event.time, event.component, event.sample);
        const add = (pipeline: ChainableCommander) =>
          (pipeline as ChainableCommander & WithScripts).faultlineDetectorApply(...args);
        return { key: keys.log, add };
      });
      // One pipeline on a single Redis; one per slot, in parallel, on a Cluster.
      const replies = await execBatch(redis, commands);
      count(batches.length);
      const outcomes: ScopeOutcome[] = batches.map((_, i) => {
        const [error, reply] = replies[i] ?? [new Error('no reply from Redis')];
        if (error) throw error;
        const [
          decision,
          alertId,
          errorCount,
          firstSeen,
          lastSeen,
          late,
          duplicates,
          counted,
          components,
          samples,
          calls,
          pending,
          signalAt,
        ] = reply as ScriptReply;
        stats.scriptCalls += calls;
        return {
          decision: decision === '' ? 'none' : (decision as Decision),
          alertId,
          errorCount,
          firstSeen,
          lastSeen,
          late,
          duplicates,
          counted,
          components,
          samples,
          pending,
          signalAt,
        };
      });
      // Held-back counts go into the due index, so a timer sends them if no event comes. Written
      // before the chunk is committed: a crash here redelivers the chunk, which writes it again.
      const due: (string | number)[] = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.alertId === '' || outcome.pending === 0) return;
        const { scope } = batches[i] as ScopeBatch;
        due.push(
          outcome.signalAt + settings.updateIntervalMs,
          dueMemberOf({ alertId: outcome.alertId, scope }),
        );
      });
      if (due.length > 0) {
        count(1);
        await redis.zadd(dueKey, ...due);
      }
      return outcomes;
    },

    async resolve(scope, alertId) {
      const keys = keysOf(scope);
      count(2);
      const cleared = await scripts.faultlineDetectorResolve(
        keys.log,
        keys.state,
        keys.samples,
        keys.components,
        alertId,
      );
      await redis.zrem(dueKey, dueMemberOf({ alertId, scope }));
      return cleared === 1;
    },

    async claimDue(now, limit, leaseMs) {
      const leaseUntil = now + leaseMs;
      count(1);
      const members = await scripts.faultlineDetectorClaimDue(dueKey, now, limit, leaseUntil);
      const claims: ClaimedFlush[] = [];
      const foreign: string[] = [];
      for (const member of members) {
        const due = parseDueMember(member);
        if (due) claims.push({ ...due, member, leaseUntil });
        else foreign.push(member);
      }
      if (foreign.length > 0) {
        count(1);
        await redis.zrem(dueKey, ...foreign);
      }
      return claims;
    },

    async flush(claim, now) {
      const keys = keysOf(claim.scope);
      count(1);
      const reply = await scripts.faultlineDetectorFlush(
        keys.log,
        keys.state,
        keys.samples,
        keys.components,
        now,
        settings.updateIntervalMs,
        claim.alertId,
      );
      if (reply[0] === 'later') {
        count(1);
        await redis.zadd(dueKey, reply[1], claim.member);
        return { decision: 'later', dueAt: reply[1] };
      }
      if (reply[0] === 'gone') {
        await release(claim);
        return { decision: 'gone' };
      }
      const [, alertId, errorCount, firstSeen, lastSeen, components, samples] = reply;
      return { decision: 'update', alertId, errorCount, firstSeen, lastSeen, components, samples };
    },

    release,
  };
}
