import { execBatch, type RedisClient } from '@faultline/redis';
import type { ChainableCommander } from 'ioredis';
import type { AlerterKeys } from '../keys.js';
import type { AlertRecord, StoredRecord } from './alert-record.js';

// Writes only if the version is still the one read, so two replicas never overwrite each other.
const COMPARE_AND_SET = `
local v = redis.call('HGET', KEYS[1], 'v') or '0'
if v ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
if ARGV[4] ~= '0' then redis.call('EXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1`;

export interface RecordWrite {
  alertId: string;
  expectedVersion: number;
  record: AlertRecord;
}

/** Alert records in Redis: loaded and written a batch per round trip. */
export class AlertStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlerterKeys,
    private readonly resolvedRetentionSeconds: number,
  ) {
    redis.defineCommand('faultlineAlertCas', { numberOfKeys: 1, lua: COMPARE_AND_SET });
  }

  async load(alertIds: readonly string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    if (alertIds.length === 0) return found;
    const results = await execBatch(
      this.redis,
      alertIds.map((id) => {
        const key = this.keys.alert(id);
        return { key, add: (p: ChainableCommander) => p.hmget(key, 'v', 's') };
      }),
    );
    alertIds.forEach((id, i) => {
      const [error, value] = results[i] ?? [];
      if (error) throw error;
      const [version, json] = value as [string | null, string | null];
      if (version !== null && json !== null)
        found.set(id, { version: Number(version), record: JSON.parse(json) as AlertRecord });
    });
    return found;
  }

  /**
   * One round trip (per slot on a Cluster); returns which writes won (false: someone wrote first,
   * reload and recompute). Each CAS is atomic on its own record; the index entry is idempotent.
   */
  async compareAndSet(writes: readonly RecordWrite[]): Promise<boolean[]> {
    if (writes.length === 0) return [];
    const results = await execBatch(
      this.redis,
      writes.flatMap((write) => {
        const ttl = write.record.alert.status === 'resolved' ? this.resolvedRetentionSeconds : 0;
        const key = this.keys.alert(write.alertId);
        return [
          {
            key,
            add: (p: ChainableCommander) =>
              (p as unknown as CasPipeline).faultlineAlertCas(
                key,
                String(write.expectedVersion),
                String(write.expectedVersion + 1),
                JSON.stringify(write.record),
                String(ttl),
              ),
          },
          {
            key: this.keys.index,
            add: (p: ChainableCommander) =>
              p.zadd(this.keys.index, 'NX', write.record.firedAt, write.alertId),
          },
        ];
      }),
    );
    return writes.map((_, i) => {
      const [error, won] = results[i * 2] ?? [];
      if (error) throw error;
      return won === 1;
    });
  }

  /** Newest first; index entries whose record expired are pruned on the way. */
  async list(limit: number): Promise<AlertRecord[]> {
    const ids = await this.redis.zrevrange(this.keys.index, 0, limit - 1);
    const records = await this.load(ids);
    const gone = ids.filter((id) => !records.has(id));
    if (gone.length > 0) await this.redis.zrem(this.keys.index, ...gone);
    return ids.flatMap((id) => {
      const stored = records.get(id);
      return stored ? [stored.record] : [];
    });
  }
}

interface CasPipeline {
  faultlineAlertCas(key: string, expected: string, next: string, json: string, ttl: string): void;
}
