import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './create-redis.js';
import { keySlot } from './key-slot.js';

/** One command of a batch: `add` appends exactly one command whose keys all share `key`'s slot. */
export interface BatchCommand {
  key: string;
  add(pipeline: ChainableCommander): void;
}

export type BatchReply = [error: Error | null, result: unknown];

/**
 * Sends independent commands in as few round trips as the topology allows: one pipeline on a
 * single Redis; on a Cluster one pipeline per slot, in parallel, because ioredis refuses a
 * pipeline whose keys live on different nodes (a per-slot pipeline is also what it can retry
 * whole after a MOVED). Nothing here is atomic across commands; replies come in input order.
 */
export async function execBatch(
  redis: RedisClient,
  commands: readonly BatchCommand[],
): Promise<BatchReply[]> {
  if (commands.length === 0) return [];
  const groups = isCluster(redis) ? groupBySlot(commands) : [commands.map((_, i) => i)];
  const replies: BatchReply[] = new Array(commands.length);
  await Promise.all(
    groups.map(async (indexes) => {
      const pipeline = redis.pipeline();
      for (const i of indexes) (commands[i] as BatchCommand).add(pipeline);
      const results = (await pipeline.exec()) ?? [];
      indexes.forEach((commandIndex, i) => {
        replies[commandIndex] = (results[i] as BatchReply | undefined) ?? [
          new Error('no reply from Redis'),
          null,
        ];
      });
    }),
  );
  return replies;
}

function groupBySlot(commands: readonly BatchCommand[]): number[][] {
  const bySlot = new Map<number, number[]>();
  commands.forEach(({ key }, i) => {
    const slot = keySlot(key);
    const group = bySlot.get(slot);
    if (group) group.push(i);
    else bySlot.set(slot, [i]);
  });
  return [...bySlot.values()];
}
