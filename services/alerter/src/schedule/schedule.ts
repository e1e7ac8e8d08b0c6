import type { RedisClient } from '@faultline/redis';
import type { AlerterKeys } from '../keys.js';
import { decodeJob, encodeJob, type Job, type ScheduledJob } from './jobs.js';

// Due jobs get their score moved to the lease end in the same step, so no other replica can
// take them; one that dies holding them loses the lease and the jobs fall due again.
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i = 1, #due, 2 do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], due[i])
  out[#out + 1] = due[i]
  out[#out + 1] = due[i + 1]
  out[#out + 1] = redis.call('HGET', KEYS[2], due[i]) or '0'
end
return out`;

// Only the lease holder settles: a replica that lost its lease (too slow) changes nothing.
const SETTLE = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not s or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  if ARGV[4] == '1' then redis.call('HINCRBY', KEYS[2], ARGV[1], 1) end
end
return 1`;

export interface ClaimedJob {
  job: Job;
  member: string;
  dueAt: number;
  /** The score this replica set; settling checks it. */
  leaseUntil: number;
  /** Delivery attempts already made. */
  attempts: number;
}

/** The escalation schedule and delivery queue: one Redis sorted set by due time. */
export class Schedule {
  private leaseSeq = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlerterKeys,
  ) {
    redis.defineCommand('faultlineClaimJobs', { numberOfKeys: 2, lua: CLAIM });
    redis.defineCommand('faultlineSettleJob', { numberOfKeys: 2, lua: SETTLE });
  }

  /** ZADD NX: a job already scheduled (or claimed) keeps its time. Removals are tidy-up: a stale job is a no-op when it runs. */
  async enqueue(jobs: readonly ScheduledJob[], drop: readonly Job[] = []): Promise<void> {
    if (jobs.length === 0 && drop.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { job, dueAt } of jobs) pipeline.zadd(this.keys.schedule, 'NX', dueAt, encodeJob(job));
    if (drop.length > 0) pipeline.zrem(this.keys.schedule, ...drop.map(encodeJob));
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    // A fraction makes this replica's lease score its own even when two claim in the same ms.
    this.leaseSeq = (this.leaseSeq + 1) % 1000;
    const leaseUntil = now + leaseMs + this.leaseSeq / 1000 + Math.random() / 1000;
    const raw = (await (this.redis as unknown as ScheduleCommands).faultlineClaimJobs(
      this.keys.schedule,
      this.keys.attempts,
      String(now),
      String(leaseUntil),
      String(limit),
    )) as string[];
    const claimed: ClaimedJob[] = [];
    for (let i = 0; i < raw.length; i += 3) {
      const member = raw[i] as string;
      const job = decodeJob(member);
      if (!job) {
        // Not ours to interpret (corrupt or from a newer version): drop it rather than spin on it.
        await this.settle({ member, leaseUntil } as ClaimedJob, undefined);
        continue;
      }
      claimed.push({ job, member, dueAt: Number(raw[i + 1]), leaseUntil, attempts: Number(raw[i + 2]) });
    }
    return claimed;
  }

  /** Done (`next` undefined) or due again at `next`; `countAttempt` adds one delivery attempt. */
  async settle(
    claimed: Pick<ClaimedJob, 'member' | 'leaseUntil'>,
    next: number | undefined,
    countAttempt = false,
  ): Promise<boolean> {
    const won = await (this.redis as unknown as ScheduleCommands).faultlineSettleJob(
      this.keys.schedule,
      this.keys.attempts,
      claimed.member,
      String(claimed.leaseUntil),
      next === undefined ? '' : String(next),
      countAttempt ? '1' : '0',
    );
    return won === 1;
  }

  async pending(): Promise<number> {
    return this.redis.zcard(this.keys.schedule);
  }
}

interface ScheduleCommands {
  faultlineClaimJobs(
    schedule: string,
    attempts: string,
    now: string,
    leaseUntil: string,
    limit: string,
  ): Promise<unknown>;
  faultlineSettleJob(
    schedule: string,
    attempts: string,
    member: string,
    lease: string,
    next: string,
    count: string,
  ): Promise<number>;
}
