import type { Silence } from '@faultline/api-contracts';
import type { RedisClient } from '@faultline/redis';
import type { AlerterKeys } from '../keys.js';

const KEEP_ENDED_MS = 24 * 3_600_000;

/** Silences in one Redis hash; ended ones are listed for a day, then pruned. */
export class SilenceStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlerterKeys,
  ) {}

  async list(now = Date.now()): Promise<Silence[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.silences)).map(
      (json) => JSON.parse(json) as Silence,
    );
    const stale = all.filter((s) => Date.parse(s.endsAt) < now - KEEP_ENDED_MS);
    if (stale.length > 0) await this.redis.hdel(this.keys.silences, ...stale.map((s) => s.id));
    return all.filter((s) => !stale.includes(s)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  async get(id: string): Promise<Silence | undefined> {
    const json = await this.redis.hget(this.keys.silences, id);
    return json ? (JSON.parse(json) as Silence) : undefined;
  }

  async put(silence: Silence): Promise<void> {
    await this.redis.hset(this.keys.silences, silence.id, JSON.stringify(silence));
  }
}
