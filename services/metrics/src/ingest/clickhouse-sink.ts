import type { ClickHouseClient } from '@clickhouse/client';
import type { BatchHandler, ConsumedMessage } from '@faultline/kafka';
import { dedupToken } from './dedup-token.js';
import { readWatermark } from './offset-watermark.js';
import type { KafkaOrigin } from './rows.js';
import type { DedupedEvents } from './stored-events.js';

export interface InsertedBatch {
  table: string;
  topic: string;
  partition: number;
  /** Empty when every message was stored already and nothing was inserted. */
  token: string;
  rows: number;
  /** Messages of the chunk that were already stored by an earlier attempt. */
  skipped: number;
  /** Rows of the chunk dropped by `dropStored`: the same event again under another offset. */
  duplicates: number;
}

export interface ClickHouseSinkOptions<T, R extends Record<string, unknown> = Record<string, unknown>> {
  client: ClickHouseClient;
  table: string;
  toRow(value: T, from: KafkaOrigin): R;
  /** Removes rows whose record is stored already under other offsets (see `dropStoredEvents`). */
  dropStored?(rows: R[]): Promise<DedupedEvents<R>>;
  /** Runs after the insert (or after finding everything stored) and before the commit: counters; tests simulate a crash there. */
  onInserted?(batch: InsertedBatch): Promise<void> | void;
}

/**
 * The consumer's handler for one table: skip what is stored -> drop records stored under
 * other offsets -> one insert with a dedup token -> return (the runner commits). Two guards
 * against replays: the offset watermark covers a replay cut into different chunks, the token
 * covers two consumers inserting the same chunk at once (a zombie after a rebalance).
 * `dropStored` covers a producer re-sending records at new offsets.
 */
export function clickHouseSink<T, R extends Record<string, unknown> = Record<string, unknown>>(
  options: ClickHouseSinkOptions<T, R>,
): BatchHandler<T> {
  const { client, table, toRow } = options;
  return async (messages, { topic, partition }) => {
    const watermark = await readWatermark(client, topic, partition);
    const fresh = messages.filter((message) => BigInt(message.offset) > watermark);
    const skipped = messages.length - fresh.length;
    const first = fresh[0];
    const last = fresh[fresh.length - 1];
    if (!first || !last) {
      await options.onInserted?.({ table, topic, partition, token: '', rows: 0, skipped, duplicates: 0 });
      return;
    }

    const mapped = fresh.map((message: ConsumedMessage<T>) => toRow(message.value, message));
    const { rows, duplicates } = options.dropStored
      ? await options.dropStored(mapped)
      : { rows: mapped, duplicates: 0 };
    if (rows.length === 0) {
      await options.onInserted?.({ table, topic, partition, token: '', rows: 0, skipped, duplicates });
      return;
    }

    // The token names the fresh offsets, not the rows kept: an attempt that kept fewer rows
    // found the others stored, so whichever attempt lands first leaves every row stored.
    const token = dedupToken(topic, partition, first.offset, last.offset);
    await client.insert({
      table,
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: token, insert_deduplicate: 1 },
    });
    await options.onInserted?.({ table, topic, partition, token, rows: rows.length, skipped, duplicates });
  };
}
