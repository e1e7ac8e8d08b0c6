import type { ClickHouseClient } from '@clickhouse/client';
import type { BatchHandler, ConsumedMessage } from '@faultline/kafka';
import { dedupToken } from './dedup-token.js';
import { readWatermark } from './offset-watermark.js';
import type { KafkaOrigin } from './rows.js';

export interface InsertedBatch {
  table: string;
  topic: string;
  partition: number;
  /** Empty when every message was stored already and nothing was inserted. */
  token: string;
  rows: number;
  /** Messages of the chunk that were already stored by an earlier attempt. */
  skipped: number;
}

export interface ClickHouseSinkOptions<T> {
  client: ClickHouseClient;
  table: string;
  toRow(value: T, from: KafkaOrigin): Record<string, unknown>;
  /** Runs after the insert (or after finding everything stored) and before the commit: counters; tests simulate a crash there. */
  onInserted?(batch: InsertedBatch): Promise<void> | void;
}

/**
 * The consumer's handler for one table: skip what is stored -> one insert with a dedup
 * token -> return (the runner commits). Two guards against replays: the offset watermark
 * covers a replay cut into different chunks, the token covers two consumers inserting the
 * same chunk at once (a zombie after a rebalance).
 */
export function clickHouseSink<T>(options: ClickHouseSinkOptions<T>): BatchHandler<T> {
  const { client, table, toRow } = options;
  return async (messages, { topic, partition }) => {
    const watermark = await readWatermark(client, topic, partition);
    const fresh = messages.filter((message) => BigInt(message.offset) > watermark);
    const skipped = messages.length - fresh.length;
    const first = fresh[0];
    const last = fresh[fresh.length - 1];
    if (!first || !last) {
      await options.onInserted?.({ table, topic, partition, token: '', rows: 0, skipped });
      return;
    }

    const token = dedupToken(topic, partition, first.offset, last.offset);
    await client.insert({
      table,
      values: fresh.map((message: ConsumedMessage<T>) => toRow(message.value, message)),
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: token, insert_deduplicate: 1 },
    });
    await options.onInserted?.({ table, topic, partition, token, rows: fresh.length, skipped });
  };
}
