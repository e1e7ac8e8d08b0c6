import type { Redis } from 'ioredis';
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
    private readonly redis: Redis,
    private readonly keys: AlerterKeys,
    private readonly resolvedRetentionSeconds: number,
  ) {
    redis.defineCommand('faultlineAlertCas', { numberOfKeys: 1, lua: COMPARE_AND_SET });
  }

  async load(alertIds: readonly string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    if (alertIds.length === 0) return found;
    const pipeline = this.redis.pipeline();
    for (const id of alertIds) pipeline.hmget(this.keys.alert(id), 'v', 's');
    const results = (await pipeline.exec()) ?? [];
    alertIds.forEach((id, i) => {
      const [error, value] = results[i] ?? [];
      if (error) throw error;
      const [version, json] = value as [string | null, string | null];
      if (version !== null && json !== null)
        found.set(id, { version: Number(version), record: JSON.parse(json) as AlertRecord });
    });
    return found;
  }

  /** One round trip; returns which writes won (false: someone wrote first, reload and recompute). */
  async compareAndSet(writes: readonly RecordWrite[]): Promise<boolean[]> {
    if (writes.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const write of writes) {
      const ttl = write.record.alert.status === 'resolved' ? this.resolvedRetentionSeconds : 0;
      (pipeline as unknown as CasPipeline).faultlineAlertCas(
        this.keys.alert(write.alertId),
        String(write.expectedVersion),
        String(write.expectedVersion + 1),
        JSON.stringify(write.record),
        String(ttl),
      );
      pipeline.zadd(this.keys.index, 'NX', write.record.firedAt, write.alertId);
    }
    const results = (await pipeline.exec()) ?? [];
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
