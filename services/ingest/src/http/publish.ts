import type { ErrorEvent } from '@faultline/contracts';
import { type BatchingProducer, isKafkaError } from '@faultline/kafka';
import { IngestError } from '../errors.js';

export interface PublishOptions {
  topic: string;
  timeoutMs: number;
  retryAfterSeconds: number;
}

/**
 * Resolves once Kafka acknowledged every event (acks = all), keyed by project. Anything else
 * is a 503: Kafka down, the producer's buffer full, or no ack within `timeoutMs`.
 * After a timeout the batch may still land; that is at-least-once, and the eventId lets a
 * retried event (Sentry SDKs and well-behaved clients reuse it) be deduplicated downstream.
 */
export async function publishEvents(
  producer: BatchingProducer,
  events: readonly ErrorEvent[],
  options: PublishOptions,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no acknowledgement within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
  });
  try {
    await Promise.race([
      Promise.all(
        events.map((event) =>
          producer.send(options.topic, { key: event.projectId, value: JSON.stringify(event) }),
        ),
      ),
      timeout,
    ]);
  } catch (cause) {
    if (isKafkaError(cause, 'FL_KAFKA_MESSAGE_TOO_LARGE'))
      throw new IngestError('FL_INGEST_BODY_TOO_LARGE', cause.message, { cause });
    throw new IngestError(
      'FL_INGEST_KAFKA_UNAVAILABLE',
      'events could not be stored right now; retry later',
      { retryAfterSeconds: options.retryAfterSeconds, cause },
    );
  } finally {
    clearTimeout(timer);
  }
}
