import type { RedisClient } from '@faultline/redis';
import type { Result } from 'ioredis';
import { type GcraDecision, type GcraLimit, gcraParameters } from './gcra.js';

/**
 * gcra() from gcra.ts in Lua, so read-decide-write is atomic across ingest replicas.
 * KEYS[1] the project's TAT; ARGV now (ms), emission interval (ms), tolerance (ms), quantity, burst.
 * Returns {allowed (0|1), retryAfterMs}; the TAT expires once it is in the past (a fresh key
 * behaves the same).
 */
const GCRA_SCRIPT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local quantity = math.min(tonumber(ARGV[4]), tonumber(ARGV[5]))
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + quantity * interval
local allow_at = new_tat - tolerance
if allow_at > now then
  return {0, tostring(allow_at - now)}
end
redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.max(1, math.ceil(new_tat - now)))
return {1, '0'}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    faultlineGcra(
      key: string,
      now: number,
      interval: number,
      tolerance: number,
      quantity: number,
      burst: number,
    ): Result<[number, string], Context>;
  }
}

export class RedisRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once, so the script body is not sent per call.
    redis.defineCommand('faultlineGcra', { numberOfKeys: 1, lua: GCRA_SCRIPT });
  }

  /** Hash tag on the project id: the key lands in the project's slot on Redis Cluster. */
  key(projectId: string): string {
    return `${this.prefix}ingest:rate:{${projectId}}`;
  }

  async take(
    projectId: string,
    limit: GcraLimit,
    quantity: number,
    nowMs = Date.now(),
  ): Promise<Omit<GcraDecision, 'tatMs'>> {
    const { emissionIntervalMs, toleranceMs } = gcraParameters(limit);
    const [allowed, retryAfter] = await this.redis.faultlineGcra(
      this.key(projectId),
      nowMs,
      emissionIntervalMs,
      toleranceMs,
      quantity,
      limit.burst,
    );
    return { allowed: allowed === 1, retryAfterMs: Number(retryAfter) };
  }
}
