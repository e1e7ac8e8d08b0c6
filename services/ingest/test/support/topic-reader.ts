import { type ErrorEvent, errorEventCodec } from '@faultline/contracts';
import { type Consumer, Kafka, logLevel } from 'kafkajs';

export interface ReadMessage {
  key: string;
  event: ErrorEvent;
}

/** Reads a topic from the beginning with plain kafkajs, decoding each value with the contract. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer: Consumer;

  constructor(
    brokers: string[],
    private readonly topic: string,
  ) {
    const kafka = new Kafka({ clientId: 'ingest-test-reader', brokers, logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `ingest-test-${topic}-${process.pid}-${Date.now()}` });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = errorEventCodec.decode(message.value);
        if (!decoded.ok) throw new Error(`not an ErrorEvent on ${this.topic}: ${decoded.reason}`);
        this.messages.push({ key: message.key?.toString() ?? '', event: decoded.value });
      },
    });
  }

  /** Waits until an event matching `predicate` has arrived, and returns it. */
  async waitFor(predicate: (event: ErrorEvent) => boolean, timeoutMs = 20_000): Promise<ReadMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => predicate(m.event));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no matching event on ${this.topic} within ${timeoutMs} ms (${this.messages.length} read)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  byEventId(eventId: string): ReadMessage[] {
    return this.messages.filter((m) => m.event.eventId === eventId);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
