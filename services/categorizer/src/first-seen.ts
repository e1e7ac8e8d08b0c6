import { type BatchCommand, execBatch, type RedisClient } from '@faultline/redis';

export interface GroupOccurrence {
  projectId: string;
  groupId: string;
  eventId: string;
}

export interface FirstSeenStore {
  /** One flag per occurrence, in order: true for the first event of its group in its project. */
  mark(occurrences: readonly GroupOccurrence[]): Promise<boolean[]>;
}

/**
 * The key holds the eventId of the group's first event. The hash tag is the project: a batch
 * from one errors.raw partition (keyed by project) then touches few Redis Cluster slots.
 */
export function firstSeenKey(keyPrefix: string, projectId: string, groupId: string): string {
  return `${keyPrefix}categorizer:first-seen:{${projectId}}:${groupId}`;
}

/**
 * First-seen marks kept in Redis, owned by the categorizer. `SET NX GET` stores the first
 * eventId and returns what was there, so a redelivered first event is marked again (at least
 * once delivery must not lose the mark); the expiry slides with every batch that sees the group.
 */
export function createFirstSeenStore(
  redis: RedisClient,
  options: { keyPrefix: string; ttlSeconds: number },
): FirstSeenStore {
  return {
    async mark(occurrences) {
      const flags = occurrences.map(() => false);
      // Only a group's first occurrence in the batch can be its first ever.
      const firstInBatch = new Map<string, number>();
      occurrences.forEach(({ projectId, groupId }, index) => {
        const key = firstSeenKey(options.keyPrefix, projectId, groupId);
        if (!firstInBatch.has(key)) firstInBatch.set(key, index);
      });
      if (firstInBatch.size === 0) return flags;

      const commands: BatchCommand[] = [];
      for (const [key, index] of firstInBatch) {
        const eventId = (occurrences[index] as GroupOccurrence).eventId;
        commands.push(
          { key, add: (p) => p.call('SET', key, eventId, 'NX', 'GET', 'EX', options.ttlSeconds) },
          { key, add: (p) => p.expire(key, options.ttlSeconds) },
        );
      }
      // One pipeline on a single Redis; one per slot (per project), in parallel, on a Cluster.
      const replies = await execBatch(redis, commands);
      [...firstInBatch.values()].forEach((index, i) => {
        const [error, previous] = replies[i * 2] ?? [new Error('no reply')];
        if (error) throw error;
        flags[index] = previous === null || previous === (occurrences[index] as GroupOccurrence).eventId;
      });
      return flags;
    },
  };
}
