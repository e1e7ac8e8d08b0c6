import {
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  consumerLag,
  createBatchingProducer,
  createKafka,
  ensureTopics,
  type RunningConsumer,
} from '@faultline/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsertedBatch } from '../src/ingest/clickhouse-sink.js';
import { eventRow } from '../src/ingest/rows.js';
import { startMetricsConsumers } from '../src/ingest/start-consumers.js';
import { dropStoredEvents } from '../src/ingest/stored-events.js';
import { metricsTopicSpecs } from '../src/topics.js';
import { logger, testDatabase } from './support/database.js';
import { at, categorized, type GroupSpec, SECOND } from './support/fixtures.js';
import { FAST_CONSUMER, uniqueName, waitFor } from './support/infra.js';

function group(i: number): GroupSpec {
  return {
    groupId: `dddddddddddddd${String(i % 4).padStart(2, '0')}`,
    severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4] as GroupSpec['severity'],
    category: ['system', 'security'][i % 2] as string,
    component: ['database', 'api', 'auth'][i % 3] as string,
    team: 'backend-team',
    message: `Failure ${i % 4}`,
  };
}
// Two projects, four groups, spread over two hours so the rollups have several rows.
const events: CategorizedEvent[] = Array.from({ length: 50 }, (_, i) =>
  categorized(`p${i % 2}`, group(i), at(i * 151 * SECOND), { eventId: `dup-ev-${i}` }),
);

describe('metrics events sink: an upstream re-send under new offsets', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let producer: BatchingProducer;
  const prefix = `${uniqueName('it-metrics-dup')}.`;
  const topics = topicNames(prefix);
  const groupId = `${prefix}metrics`;
  let kafka: ReturnType<typeof createKafka>;
  let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
  let consumers: RunningConsumer[] = [];
  const seen = { duplicates: 0, skipped: 0, rows: 0 };

  beforeAll(async () => {
    db = await testDatabase({
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_CONSUMER_GROUP_ID: groupId,
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({ 'errors.categorized': 2, 'alert-events': 1, tickets: 1 }),
    });
    kafka = createKafka({ brokers: db.config.kafka.brokers, clientId: prefix, logger });
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, metricsTopicSpecs(db.config.kafka));
    producer = await createBatchingProducer(kafka, { logger });
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer?.close();
    await admin?.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
    await admin?.disconnect();
    await db?.drop();
  });

  const produce = (batch: CategorizedEvent[]) =>
    Promise.all(
      batch.map((e) =>
        producer.send(topics.errorsCategorized, {
          key: categorizedKey(e.event.projectId, e.groupId),
          value: categorizedEventCodec.encode(e),
        }),
      ),
    );

  const start = async () => {
    consumers = await startMetricsConsumers(
      db.config,
      { kafka, producer, clickhouse: db.client },
      {
        logger,
        consumer: FAST_CONSUMER,
        onInserted: (batch: InsertedBatch) => {
          if (batch.table !== 'events') return;
          seen.duplicates += batch.duplicates;
          seen.skipped += batch.skipped;
          seen.rows += batch.rows;
        },
      },
    );
  };
  const stop = async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    consumers = [];
  };
  const caughtUp = () =>
    waitFor(
      async () =>
        (await consumerLag(admin, `${groupId}.events`, [topics.errorsCategorized])).every((p) => p.lag === 0),
      45_000,
      'events lag 0',
    );

  it('stores each event once when it arrives twice close together', async () => {
    // Produced before the consumer starts, so each partition's first chunk normally holds both copies.
    await produce([...events.slice(0, 30), ...events.slice(0, 5)]);
    await start();
    await caughtUp();
    await stop();

    expect(await db.count('SELECT count() FROM events')).toBe(30);
    expect(await db.count('SELECT uniqExact(event_id) FROM events')).toBe(30);
    expect(seen.duplicates).toBe(5);
  });

  it('stores each event once when it comes again at later offsets, and the rollups count it once', async () => {
    seen.duplicates = 0;
    seen.skipped = 0;
    seen.rows = 0;
    // The categorizer after a kill -9: a chunk already sent, again, followed by new events.
    await produce([...events.slice(10, 30), ...events.slice(30)]);
    await start();
    await caughtUp();
    await stop();

    expect(await db.count('SELECT count() FROM events')).toBe(50);
    expect(await db.count('SELECT max(n) FROM (SELECT count() AS n FROM events GROUP BY event_id)')).toBe(1);
    expect(await db.count('SELECT sum(events) FROM events_per_minute')).toBe(50);
    expect(await db.count('SELECT sum(events) FROM events_per_hour')).toBe(50);
    for (const [table, bucket] of [
      ['events_per_minute', 'toStartOfMinute(time)'],
      ['events_per_hour', 'toStartOfHour(time)'],
    ] as const) {
      const rollup = await db.client.query({
        query: `SELECT project_id, ${table === 'events_per_minute' ? 'minute' : 'hour'} AS b, severity, category,
                component, team, sum(events) AS n FROM ${table} GROUP BY ALL ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      const raw = await db.client.query({
        query: `SELECT project_id, ${bucket} AS b, severity, category, component, team, count() AS n FROM events
                GROUP BY ALL ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      expect(await rollup.json()).toEqual(await raw.json());
    }
    // New offsets: the watermark lets them through, the stored check drops them.
    expect(seen.skipped).toBe(0);
    expect(seen.duplicates).toBe(20);
    expect(seen.rows).toBe(20);
  });

  it('drops a row only when the same event is stored', async () => {
    const from = { topic: 'manual', partition: 0, offset: '0' };
    const stored = events[0] as CategorizedEvent;
    const rows = [
      eventRow(stored, from),
      // Same id, another project or group: a different event as far as the store knows.
      eventRow({ ...stored, event: { ...stored.event, projectId: 'p-other' } }, from),
      eventRow({ ...stored, groupId: 'eeeeeeeeeeeeee00' }, from),
      // Unparsable time: not looked up, so kept.
      { ...eventRow(events[1] as CategorizedEvent, from), time: 'not a time' },
      eventRow(categorized('p0', group(0), at(0), { eventId: 'dup-ev-new' }), from),
      eventRow(categorized('p0', group(0), at(0), { eventId: 'dup-ev-new' }), from),
    ];
    const result = await dropStoredEvents(db.client, rows);
    expect(result.duplicates).toBe(2);
    expect(result.rows.map((r) => [r.project_id, r.group_id, r.event_id])).toEqual([
      ['p-other', stored.groupId, 'dup-ev-0'],
      ['p0', 'eeeeeeeeeeeeee00', 'dup-ev-0'],
      ['p1', group(1).groupId, 'dup-ev-1'],
      ['p0', group(0).groupId, 'dup-ev-new'],
    ]);
  });
});
