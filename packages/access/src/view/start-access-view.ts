import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { accessRecordCodec } from '@faultline/contracts';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { AccessView, type AccessViewOptions } from './access-view.js';
import { CatchUp } from './catch-up.js';

export interface StartAccessViewOptions extends AccessViewOptions {
  kafka: Kafka;
  /** The prefixed `access` topic (`topicNames(prefix).access`). */
  topic: string;
  logger: Logger;
  /** Start of the consumer group id; a random suffix makes it unique to this process. @default 'access-view' */
  groupIdPrefix?: string;
  /** How long a fetch waits for new records: bounds how late a change is seen. @default 250 */
  maxWaitTimeInMs?: number;
}

/** What `startAccessView` returns: the view, plus `done`/`stop` in the shape `service.consumer()` watches. */
export interface RunningAccessView {
  view: AccessView;
  /** Rejects if the reader stops for good (the view then reports not ready). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads the compacted `access` topic from its beginning into an AccessView and keeps applying
 * changes. Its consumer group is unique to the process and never commits, so every start reads
 * everything; after a kafkajs restart, offsets already applied are skipped so the view never
 * goes back in time (a revoked token briefly valid again). The view is ready once the reader
 * has reached the high watermarks seen at start.
 */
export async function startAccessView(options: StartAccessViewOptions): Promise<RunningAccessView> {
  const { kafka, topic, logger } = options;
  const view = new AccessView(options);
  const admin = kafka.admin();
  await admin.connect();
  let catchUp: CatchUp;
  try {
    catchUp = new CatchUp(await fetchOffsets(admin, topic));
  } finally {
    await admin.disconnect();
  }
  if (catchUp.done()) view.markReady();

  const groupId = `${options.groupIdPrefix ?? 'access-view'}.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: options.maxWaitTimeInMs ?? 250 });
  /** partition -> last offset applied. */
  const applied = new Map<number, bigint>();

  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const fail = (error: Error) => {
    view.markFailed(error);
    settle.reject(error);
  };

  // Fires for every fetched batch, also for those kafkajs does not hand to eachBatch because
  // compaction left nothing in them, so catching up cannot stall on a compacted tail.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (!view.isReady() && catchUp.consumed(payload.partition, payload.lastOffset)) {
      view.markReady();
      logger.info({ topic, groupId }, 'access view caught up');
    }
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart)
      fail(new Error(`access view reader crashed: ${payload.error.message}`, { cause: payload.error }));
  });

  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const seen = applied.get(batch.partition) ?? -1n;
      for (const message of batch.messages) {
        const offset = BigInt(message.offset);
        if (offset <= seen) continue;
        applyMessage(view, message.key, message.value, logger, {
          partition: batch.partition,
          offset: message.offset,
        });
        applied.set(batch.partition, offset);
      }
    },
  });

  return {
    view,
    done,
    async stop() {
      await consumer.disconnect();
      settle.resolve();
    },
  };
}

/**
 * The topic's offsets, retried while Kafka answers a retriable error: a topic created just
 * before (the first start of a service) has no partition leader for a moment.
 */
async function fetchOffsets(admin: Admin, topic: string, deadlineMs = 30_000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function applyMessage(
  view: AccessView,
  key: Buffer | null,
  value: Buffer | null,
  logger: Logger,
  at: { partition: number; offset: string },
): void {
  if (key === null) {
    logger.warn(at, 'access record without a key ignored');
    return;
  }
  let record = null;
  if (value !== null) {
    const decoded = accessRecordCodec.decode(value);
    if (!decoded.ok) {
      // Not fatal (the one writer validates), but fail closed: the unreadable record may have
      // revoked or narrowed what its key held, so that goes as if tombstoned.
      view.apply(key.toString('utf8'), null);
      logger.warn({ ...at, reason: decoded.reason }, 'unreadable access record: its key removed');
      return;
    }
    record = decoded.value;
  }
  const outcome = view.apply(key.toString('utf8'), record);
  if (outcome.applied === false) logger.warn({ ...at, reason: outcome.reason }, 'access record ignored');
}
