import { type AccessRecord, accessKey, accessRecordCodec } from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';

/** What the admin API reads: the `access` topic folded by key, as the service's AccessView holds it. */
export interface AccessRecords {
  get(key: string): AccessRecord | undefined;
  values(): Iterable<AccessRecord>;
}

export interface AccessWriter {
  /** Produces the record under its key; resolves once acknowledged and visible in `records`. */
  put(record: AccessRecord): Promise<void>;
  /** Produces a tombstone for the record's key; resolves once acknowledged and gone from `records`. */
  remove(record: AccessRecord): Promise<void>;
}

export interface AccessWriterOptions {
  producer: Pick<BatchingProducer, 'send'>;
  topic: string;
  records: AccessRecords;
  /** How long to wait for the view to apply a write (read-your-writes for the next request). @default 5000 */
  visibleWithinMs?: number;
}

/**
 * The one writer of `access`. After the broker's ack it waits until this process's view shows
 * the change, so the answer and the next request (a list right after an add) agree.
 */
export function createAccessWriter(options: AccessWriterOptions): AccessWriter {
  const { producer, topic, records, visibleWithinMs = 5000 } = options;

  async function visible(key: string, expected: string | undefined): Promise<void> {
    const deadline = Date.now() + visibleWithinMs;
    for (;;) {
      const current = records.get(key);
      if ((current === undefined ? undefined : JSON.stringify(current)) === expected) return;
      if (Date.now() > deadline)
        throw new Error(
          `access change ${key} was acknowledged but not seen by the view within ${visibleWithinMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return {
    async put(record) {
      const key = accessKey(record);
      await producer.send(topic, { key, value: accessRecordCodec.encode(record) });
      await visible(key, JSON.stringify(record));
    },
    async remove(record) {
      const key = accessKey(record);
      await producer.send(topic, { key, value: null });
      await visible(key, undefined);
    },
  };
}
