import type { AlertScope } from '@faultline/contracts';
import { execBatch, type RedisClient } from '@faultline/redis';
import type { ChainableCommander } from 'ioredis';
import { dedupKeyOf, hashTagOf, type WindowRule } from '../scope.js';
import type { Decision } from '../window/sliding-window.js';
import { logCapFor } from '../window/sliding-window.js';
import { APPLY_EVENTS_LUA, RESOLVE_ALERT_LUA } from './window-script.js';

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
}

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
  keysOf(scope: AlertScope): ScopeKeys;
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
];
type WithScripts = {
  faultlineDetectorApply(...args: (string | number)[]): WithScripts;
  faultlineDetectorResolve(...args: string[]): Promise<number>;
};

/** Sliding windows and active-alert keys in Redis, owned by the detector. */
export function createWindowStore(redis: RedisClient, settings: StoreSettings): WindowStore {
  redis.defineCommand('faultlineDetectorApply', { numberOfKeys: 4, lua: APPLY_EVENTS_LUA });
  redis.defineCommand('faultlineDetectorResolve', { numberOfKeys: 4, lua: RESOLVE_ALERT_LUA });
  const stats: StoreStats = { roundTrips: 0, commands: 0, scriptCalls: 0 };

  const keysOf = (scope: AlertScope) => scopeKeys(settings.keyPrefix, scope);

  return {
    keysOf,
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
      stats.roundTrips++;
      stats.commands += batches.length;
      return batches.map((_, i) => {
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
        };
      });
    },

    async resolve(scope, alertId) {
      const keys = keysOf(scope);
      stats.roundTrips++;
      stats.commands++;
      const cleared = await (redis as unknown as WithScripts).faultlineDetectorResolve(
        keys.log,
        keys.state,
        keys.samples,
        keys.components,
        alertId,
      );
      return cleared === 1;
    },
  };
}
