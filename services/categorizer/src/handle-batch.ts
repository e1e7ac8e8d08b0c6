import {
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  type ErrorEvent,
} from '@faultline/contracts';
import type { BatchHandler, BatchingProducer } from '@faultline/kafka';
import { type ScrubConfig, scrubEvent, scrubOptionsFor } from '@faultline/scrub';
import { categorize } from './categorize.js';
import type { FirstSeenStore } from './first-seen.js';
import type { CategorizerMetrics } from './metrics.js';
import type { RulesSource } from './rules/rules-source.js';

export interface BatchHandlerOptions {
  rules: RulesSource;
  /** Events produced straight to errors.raw skipped ingest's scrubbing: every event is scrubbed here. */
  scrub: ScrubConfig;
  firstSeen: FirstSeenStore;
  producer: BatchingProducer;
  /** The errors.categorized topic. */
  topic: string;
  metrics?: CategorizerMetrics;
}

/**
 * errors.raw batch -> errors.categorized: scrub and categorize each event with one rule set, mark
 * first-seen groups in one Redis round trip, then resolve only when every produce is
 * acknowledged, so the consumer commits nothing that is not written.
 */
export function createBatchHandler(options: BatchHandlerOptions): BatchHandler<ErrorEvent> {
  return async (messages) => {
    const invalid: { offset: string; reason: string }[] = [];
    const accepted = messages.filter((message) => {
      const key = message.key?.toString('utf8');
      // The key chose the partition; a mismatch would put a project's events out of order.
      if (key === undefined || key === message.value.projectId) return true;
      invalid.push({
        offset: message.offset,
        reason: `key ${JSON.stringify(key)} does not match projectId ${JSON.stringify(message.value.projectId)}`,
      });
      return false;
    });

    const rules = options.rules.current();
    const at = new Date();
    const categorized = accepted.map((message) =>
      categorize(
        scrubEvent(message.value, scrubOptionsFor(options.scrub, message.value.projectId)),
        rules,
        at,
      ),
    );
    const flags = await options.firstSeen.mark(
      categorized.map(({ event, groupId }) => ({
        projectId: event.projectId,
        groupId,
        eventId: event.eventId,
      })),
    );
    const outgoing: CategorizedEvent[] = categorized.map((event, i) => ({
      ...event,
      firstSeen: flags[i] === true,
    }));

    await Promise.all(
      outgoing.map((event) =>
        options.producer.send(options.topic, {
          key: categorizedKey(event.event.projectId, event.groupId),
          value: categorizedEventCodec.encode(event),
        }),
      ),
    );
    for (const event of outgoing) {
      options.metrics?.events.inc({ severity: event.severity, method: event.fingerprint.method });
      if (event.firstSeen) options.metrics?.firstSeen.inc();
    }
    return { invalid };
  };
}
