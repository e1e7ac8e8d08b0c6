import type { ConsumerRunOptions } from '@faultline/config';
import {
  type CategorizedEvent,
  categorizedEventCodec,
  type Severity,
  topicNames,
} from '@faultline/contracts';
import {
  type AttemptLedger,
  type BatchingProducer,
  type createKafka,
  type RunningConsumer,
  runConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TicketStore } from '../tickets/ticket-store.js';

export interface ResolutionConsumerOptions {
  kafka: ReturnType<typeof createKafka>;
  /** For dead letters. */
  producer: BatchingProducer;
  topicPrefix: string;
  /** The service's `consumer` section (group, batch size, where a new group starts, kafkajs settings). */
  run: ConsumerRunOptions;
  /** Where failed attempts are counted, so an event that keeps failing goes to the dlq. */
  attemptLedger: AttemptLedger;
  store: TicketStore;
  service: TicketService;
  autoSeverities: readonly Severity[];
  logger: Logger;
}

/** The newest event of each group in a chunk (one partition, so offset order is event order per group). */
export function latestPerGroup(events: readonly CategorizedEvent[]): CategorizedEvent[] {
  const latest = new Map<string, CategorizedEvent>();
  for (const event of events) latest.set(`${event.event.projectId}\u0000${event.groupId}`, event);
  return [...latest.values()];
}

/**
 * errors.categorized -> tickets for new critical/high groups, regressions for resolved ones.
 * One Redis round trip reads every group of a chunk; only groups needing a change take a lock.
 * Offsets are committed after the changes were produced and stored; a redelivered chunk finds
 * the groups already ticketed (or reopened) and does nothing.
 */
export function startResolutionConsumer(options: ResolutionConsumerOptions): Promise<RunningConsumer> {
  const topics = topicNames(options.topicPrefix);
  return runConsumer<CategorizedEvent>({
    ...options.run,
    attemptLedger: options.attemptLedger,
    kafka: options.kafka,
    topics: [topics.errorsCategorized],
    codec: categorizedEventCodec,
    dlq: { topic: topics.dlq, producer: options.producer },
    logger: options.logger,
    handler: async (messages, context) => {
      const events = latestPerGroup(messages.map((message) => message.value));
      const groups = await options.store.getGroups(
        events.map((event) => ({ projectId: event.event.projectId, groupId: event.groupId })),
      );
      for (const [i, event] of events.entries()) {
        const group = groups[i];
        if (!group) continue;
        await options.service.onEvent(event, group, options.autoSeverities);
        if (i % 50 === 49) await context.heartbeat();
      }
    },
  });
}
