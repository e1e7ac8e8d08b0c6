import { topicNames } from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka } from '@faultline/kafka';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestAccess } from '../../../../test/support/access.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec } from '../../../../test/support/history-fixtures.js';
import { buildResolutionApp } from '../../src/api/build-app.js';
import { loadResolutionConfig } from '../../src/config.js';
import { type Resolution, startResolution } from '../../src/start-resolution.js';
import { logger, uniqueName } from '../support/infra.js';

const group: GroupSpec = {
  groupId: 'bbbbbbbbbbbbbb01',
  severity: 'low',
  category: 'system',
  component: 'checkout',
  team: 'payment-team',
  message: 'Checkout failed',
};

/**
 * Ticket bounds through the API on the shared Kafka, Redis and ClickHouse: past the steps per
 * ticket, the event size or the tickets per group a change is a coded 4xx and nothing is written.
 */
describe('ticket bounds', () => {
  let db: HistoryDatabase;
  const prefix = `${uniqueName('it-tbounds')}.`;
  const project = uniqueName('p');
  let kafka: ReturnType<typeof createKafka>;
  let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
  let producer: BatchingProducer;
  let redis: Redis;
  let resolution: Resolution;
  let app: FastifyInstance;
  let access: TestAccess;
  const api = (url: string, payload?: object) =>
    app.inject({
      method: payload ? 'POST' : 'GET',
      url: `/api/v1/projects/${project}${url}`,
      headers: access.owner.headers,
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    const { redisUrl, kafkaBrokers } = inject('infra');
    db = await historyDatabase();
    const config = loadResolutionConfig({
      CLICKHOUSE_DATABASE: db.database,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_CONSUMER_GROUP_ID: `${prefix}resolution`,
      REDIS_URL: redisUrl,
      FAULTLINE_REDIS_KEY_PREFIX: prefix,
    });
    config.tickets = { ...config.tickets, maxSteps: 3, maxEventBytes: 65_536, maxPerGroup: 1 };
    kafka = createKafka({ brokers: config.kafka.brokers, clientId: prefix, logger });
    admin = kafka.admin();
    await admin.connect();
    producer = await createBatchingProducer(kafka, { logger });
    redis = new Redis(redisUrl);
    resolution = await startResolution(config, { kafka, admin, producer, clickhouse: db.client, logger });
    access = await TestAccess.start({ topicPrefix: prefix, brokers: config.kafka.brokers });
    app = await buildResolutionApp({
      clickhouse: db.client,
      tickets: resolution.tickets,
      access: access.serviceAccess(),
    });
    await seedHistory(db.client, 'events', topicNames(prefix).errorsCategorized, [
      categorized(project, group, new Date().toISOString()),
    ]);
  });

  afterAll(async () => {
    await resolution?.stop();
    await app?.close();
    await access?.stop();
    await producer?.close();
    const keys = await redis.keys(`{${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin?.deleteTopics({ topics: Object.values(topicNames(prefix)) }).catch(() => {});
    await admin?.disconnect();
    await db?.drop();
  });

  it('refuses a step past the steps per ticket with 409 FL_TICKET_STEPS_FULL', async () => {
    const created = await api('/tickets', { title: 'Bounded', actor: 'alice' });
    expect(created.statusCode).toBe(201);
    const { ticketId } = created.json().ticket;
    for (let i = 0; i < 3; i++)
      expect(
        (await api(`/tickets/${ticketId}/steps`, { action: `step ${i}`, author: 'alice' })).statusCode,
      ).toBe(200);
    const refused = await api(`/tickets/${ticketId}/steps`, { action: 'one more', author: 'alice' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('FL_TICKET_STEPS_FULL');
    expect((await api(`/tickets/${ticketId}`)).json().ticket.steps).toHaveLength(3);
  });

  it('refuses a change whose TicketEvent would pass the size bound with 413 FL_TICKET_TOO_LARGE', async () => {
    // Control characters take six bytes each in JSON: 8192 of them make one step about 49 KB.
    const heavy = '\u0001'.repeat(8192);
    const created = await api('/tickets', { title: 'Heavy', description: heavy, actor: 'alice' });
    expect(created.statusCode).toBe(201);
    const { ticketId } = created.json().ticket;
    const refused = await api(`/tickets/${ticketId}/steps`, {
      action: 'notes',
      description: heavy,
      author: 'alice',
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toBe('FL_TICKET_TOO_LARGE');
    expect((await api(`/tickets/${ticketId}`)).json().ticket.steps).toEqual([]);
  });

  it('refuses a group its next ticket past the tickets per group with 409 FL_TICKET_GROUP_FULL', async () => {
    const first = await api('/tickets', { groupId: group.groupId, actor: 'alice' });
    expect(first.statusCode).toBe(201);
    const { ticketId } = first.json().ticket;
    expect(
      (await api(`/tickets/${ticketId}/resolve`, { description: 'fixed', resolver: 'alice' })).statusCode,
    ).toBe(200);
    const refused = await api('/tickets', { groupId: group.groupId, actor: 'alice' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('FL_TICKET_GROUP_FULL');
  });
});
