import { type BatchingProducer, createBatchingProducer, createKafka } from '@faultline/kafka';
import fp from 'fastify-plugin';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';

declare module 'fastify' {
  interface FastifyInstance {
    producer: BatchingProducer;
    kafkaAdmin: Admin;
  }
}

export interface KafkaPluginOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

/**
 * The batching producer (acks = all) every route sends through, and an admin client for
 * readiness. On close the producer drains what it accepted before disconnecting.
 */
export default fp<KafkaPluginOptions>(
  async (app, { brokers, clientId, logger }) => {
    const kafka = createKafka({ brokers, clientId, logger });
    // 'reject': when Kafka falls behind, callers get 503 at once rather than queueing past their timeout.
    const producer = await createBatchingProducer(kafka, { whenFull: 'reject', lingerMs: 2, logger });
    const admin = kafka.admin();
    app.decorate('producer', producer);
    app.decorate('kafkaAdmin', admin);
    app.addHook('onClose', async () => {
      await producer.close();
      await admin.disconnect();
    });
  },
  { name: 'faultline-kafka', fastify: '5.x' },
);
