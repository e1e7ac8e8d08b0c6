import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { alertEventCodec, topicNames } from '@faultline/contracts';
import type { createKafka } from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { LiveHub } from './live-hub.js';

export interface LiveFeedOptions {
  kafka: ReturnType<typeof createKafka>;
  topicPrefix: string;
  /** The metrics consumer group prefix; the feed's group is `<prefix>.live.<instance>`. */
  groupPrefix: string;
  hub: LiveHub;
  logger: Logger;
  /** How long a fetch waits for data: the floor of live latency. */
  maxWaitMs: number;
}

export interface LiveFeed {
  /** Resolves once the consumer joined its group and receives new alert-events. */
  joined: Promise<void>;
  isJoined(): boolean;
  stop(): Promise<void>;
}

/**
 * alert-events -> LiveHub. Every instance must see every event (its pages are connected to
 * it), so each runs its own consumer group from the latest offset; what happened before a
 * page opened comes from ClickHouse. Nothing is stored, so offsets are never a guarantee:
 * invalid messages are skipped here (the storage consumer dead-letters them).
 */
export async function startLiveFeed(options: LiveFeedOptions): Promise<LiveFeed> {
  const instance = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const groupId = `${options.groupPrefix}.live.${instance}`;
  const logger = options.logger.child({ groupId });
  const consumer = options.kafka.consumer({
    groupId,
    minBytes: 1,
    maxWaitTimeInMs: options.maxWaitMs,
    // A short session: the group of a stopped instance is empty soon after.
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  let joined = false;
  let markJoined!: () => void;
  const joinedPromise = new Promise<void>((resolve) => {
    markJoined = resolve;
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
    markJoined();
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topicNames(options.topicPrefix).alertEvents], fromBeginning: false });
  await consumer.run({
    autoCommitInterval: 5000,
    eachMessage: async ({ message }) => {
      const decoded = alertEventCodec.decode(message.value);
      if (!decoded.ok) {
        logger.debug(
          { reason: decoded.reason, offset: message.offset },
          'live feed skipped an invalid alert-event',
        );
        return;
      }
      options.hub.publish(decoded.value);
    },
  });
  return {
    joined: joinedPromise,
    isJoined: () => joined,
    stop: () => consumer.disconnect(),
  };
}
