/**
 * The metrics app with its admin and audit API, as main.ts wires it, against the shared Kafka and
 * ClickHouse in a namespace of its own: its own topics, database and access view, the owner made
 * by the bootstrap with `ownerToken`, and the consumers that carry `audit` into audit_log.
 */
import {
  type AccessView,
  createAuditor,
  newToken,
  type RunningAccessView,
  startAccessView,
} from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import {
  type BatchingProducer,
  createBatchingProducer,
  createKafka,
  ensureTopics,
  type RunningConsumer,
} from '@faultline/kafka';
import type { FastifyInstance } from 'fastify';
import { serviceAccessOf } from '../../../../test/support/access.js';
import { type AccessRecords, createAccessWriter } from '../../src/admin/access-writer.js';
import { bootstrapOwner } from '../../src/admin/bootstrap-owner.js';
import { createTokenUsage, type TokenUsage } from '../../src/admin/token-usage.js';
import { viewRecords } from '../../src/admin/view-records.js';
import { buildMetricsApp } from '../../src/api/build-app.js';
import { tokensLastUse } from '../../src/audit/token-last-use.js';
import { startMetricsConsumers } from '../../src/ingest/start-consumers.js';
import { metricsTopicSpecs } from '../../src/topics.js';
import { logger, testDatabase } from './database.js';
import { FAST_CONSUMER, infraEndpoints, uniqueName } from './infra.js';

export interface AdminApp {
  url: string;
  app: FastifyInstance;
  ownerToken: string;
  topics: ReturnType<typeof topicNames>;
  kafka: ReturnType<typeof createKafka>;
  db: Awaited<ReturnType<typeof testDatabase>>;
  view: AccessView;
  records: AccessRecords;
  usage: TokenUsage;
  producer: BatchingProducer;
  stop(): Promise<void>;
}

export async function startAdminApp(): Promise<AdminApp> {
  const prefix = `${uniqueName('admin')}.`;
  const topics = topicNames(prefix);
  const kafka = createKafka({ brokers: infraEndpoints().kafkaBrokers, clientId: 'admin-test', logger });
  const db = await testDatabase({
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}metrics`,
  });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, metricsTopicSpecs(db.config.kafka));
  await admin.disconnect();
  const producer = await createBatchingProducer(kafka, { logger });
  let access: RunningAccessView | undefined;
  let consumers: RunningConsumer[] = [];
  try {
    access = await startViewOfNewTopic(() =>
      startAccessView({ kafka, topic: topics.access, logger, groupIdPrefix: `${prefix}view` }),
    );
    await access.view.ready();
    const records = viewRecords(access.view);
    const writer = createAccessWriter({ producer, topic: topics.access, records });
    const ownerToken = newToken().secret;
    await bootstrapOwner({ records, writer, email: 'owner@example.com', ownerToken, now: new Date() });
    consumers = await startMetricsConsumers(
      db.config,
      { kafka, producer, clickhouse: db.client },
      { logger, consumer: FAST_CONSUMER },
    );
    const usage = createTokenUsage((tokenIds) => tokensLastUse(db.client, tokenIds));
    const app = await buildMetricsApp({
      clickhouse: db.client,
      logger,
      admin: {
        records,
        writer,
        audit: createAuditor(producer, topics.audit).audit,
        usage,
        now: () => new Date(),
      },
      access: serviceAccessOf(access.view),
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const running = access;
    return {
      url,
      app,
      ownerToken,
      topics,
      kafka,
      db,
      view: access.view,
      records,
      usage,
      producer,
      async stop() {
        await app.close();
        await Promise.allSettled([...consumers.map((c) => c.stop()), running.stop()]);
        await producer.close();
        await db.drop();
      },
    };
  } catch (error) {
    await Promise.allSettled([...consumers.map((c) => c.stop()), access?.stop(), producer.close()]);
    await db.drop();
    throw error;
  }
}

/**
 * Just after the topic is made, a broker may still refuse offset requests for it (seen as a
 * kafkajs fetchTopicsOffset error although every partition has a leader): a few tries.
 */
async function startViewOfNewTopic(start: () => Promise<RunningAccessView>): Promise<RunningAccessView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}
