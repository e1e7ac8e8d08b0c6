import type { Codec } from '@faultline/contracts';
import type { createKafka } from '@faultline/kafka';
import type { Consumer } from 'kafkajs';

/** Collects every decoded message of a topic from its beginning (a test's view of what was produced). */
export async function readTopic<T>(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  codec: Codec<T>,
  groupId: string,
): Promise<{ values: T[]; stop(): Promise<void> }> {
  const values: T[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = codec.decode(message.value);
      if (decoded.ok) values.push(decoded.value);
    },
  });
  return { values, stop: () => consumer.disconnect() };
}
