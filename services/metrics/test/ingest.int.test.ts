import {
  alertEventCodec,
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  ticketEventCodec,
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
import { dedupToken } from '../src/ingest/dedup-token.js';
import { eventRow } from '../src/ingest/rows.js';
import { startMetricsConsumers } from '../src/ingest/start-consumers.js';
import { metricsTopicSpecs } from '../src/topics.js';
import { logger, testDatabase } from './support/database.js';
import {
  alertEvent,
  at,
  categorized,
  type GroupSpec,
  MINUTE,
  SECOND,
  ticketEvent,
} from './support/fixtures.js';
import { FAST_CONSUMER, uniqueName, waitFor } from './support/infra.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
function group(i: number): GroupSpec {
  return {
    groupId: `bbbbbbbbbbbbbb${String(i % 12).padStart(2, '0')}`,
    severity: SEVERITIES[i % 4] as GroupSpec['severity'],
    category: ['system', 'security', 'performance'][i % 3] as string,
    component: ['database', 'api', 'checkout', 'audio', 'auth'][i % 5] as string,
    team: ['infrastructure-team', 'backend-team'][i % 2] as string,
    message: `Failure ${i % 12}`,
  };
}
// Spread over a few minutes and two hours so every rollup has several rows.
const events: CategorizedEvent[] = Array.from({ length: 600 }, (_, i) =>
  categorized(`p${i % 3}`, group(i % 12), at((i % 150) * 47 * SECOND), { eventId: `ev-${i}` }),
);

describe('metrics consumers through Kafka into ClickHouse', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let producer: BatchingProducer;
  const prefix = `${uniqueName('it-metrics')}.`;
  const topics = topicNames(prefix);
  let kafka: ReturnType<typeof createKafka>;
  let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;

  beforeAll(async () => {
    db = await testDatabase({
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_CONSUMER_GROUP_ID: `${prefix}metrics`,
      FAULTLINE_CONSUMER_MAX_BATCH: '40',
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({ 'errors.categorized': 3, 'alert-events': 1, tickets: 1 }),
    });
    kafka = createKafka({ brokers: db.config.kafka.brokers, clientId: prefix, logger });
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, metricsTopicSpecs(db.config.kafka));
    producer = await createBatchingProducer(kafka, { logger });
  });
  afterAll(async () => {
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

  /** Consumers whose first `crashes` event inserts fail after the rows are written, before the commit. */
  const seen = { crashes: 0, skipped: 0 };
  function start(crashes: number): Promise<RunningConsumer[]> {
    let left = crashes;
    return startMetricsConsumers(
      db.config,
      { kafka, producer, clickhouse: db.client },
      {
        logger,
        consumer: FAST_CONSUMER,
        onInserted: (batch: InsertedBatch) => {
          if (batch.table === 'events') seen.skipped += batch.skipped;
          if (batch.table === 'events' && batch.rows > 0 && left > 0) {
            left -= 1;
            seen.crashes += 1;
            throw new Error('simulated crash between insert and commit');
          }
        },
      },
    );
  }

  const rows = () => db.count('SELECT count() FROM events');

  it('lands N events as N rows once each, across crashes after insert and a restart', async () => {
    await produce(events.slice(0, 300));
    await producer.send(topics.errorsCategorized, { key: 'p0:x', value: '{"schemaVersion":1,' });
    await producer.send(topics.alertEvents, {
      key: 'a1',
      value: alertEventCodec.encode(alertEvent('p0', 'a1', 'fired', 'firing', 'critical', at(MINUTE))),
    });
    await producer.send(topics.tickets, {
      key: 't1',
      value: ticketEventCodec.encode(
        ticketEvent('created', at(MINUTE), { ticketId: 't1', projectId: 'p0', createdAt: at(MINUTE) }),
      ),
    });

    let consumers = await start(3);
    await waitFor(async () => (await rows()) >= 300, 45_000, 'the first 300 rows');
    await Promise.all(consumers.map((c) => c.stop()));

    await produce(events.slice(300));
    consumers = await start(2);
    try {
      await waitFor(async () => (await rows()) >= 600, 45_000, 'all 600 rows');
      // Every partition committed to its end: nothing left to replay.
      await waitFor(
        async () =>
          (await consumerLag(admin, `${prefix}metrics.events`, [topics.errorsCategorized])).every(
            (p) => p.lag === 0,
          ),
        30_000,
        'events lag 0',
      );
    } finally {
      await Promise.all(consumers.map((c) => c.stop()));
    }

    expect(await rows()).toBe(600);
    expect(await db.count('SELECT uniqExact(event_id) FROM events')).toBe(600);
    expect(await db.count('SELECT count() FROM alert_events')).toBe(1);
    expect(await db.count('SELECT count() FROM tickets')).toBe(1);
    // The crashes happened and their chunks came again, already stored.
    expect(seen.crashes).toBe(5);
    expect(seen.skipped).toBeGreaterThan(0);
    expect(
      await db.count('SELECT max(max_offset) FROM ingest_offsets WHERE topic = {t:String}', {
        t: topics.alertEvents,
      }),
    ).toBe(0);
  });

  it('rollups agree with counts from raw rows', async () => {
    for (const [table, bucket] of [
      ['events_per_minute', 'minute'],
      ['events_per_hour', 'hour'],
    ] as const) {
      const fromRollup = await db.client.query({
        query: `SELECT project_id, ${bucket} AS b, severity, category, component, team, sum(events) AS n FROM ${table}
                GROUP BY ALL ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      const bucketOf = bucket === 'minute' ? 'toStartOfMinute(time)' : 'toStartOfHour(time)';
      const fromRaw = await db.client.query({
        query: `SELECT project_id, ${bucketOf} AS b, severity, category, component, team, count() AS n FROM events
                GROUP BY ALL ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      const rollup = await fromRollup.json();
      expect(rollup.length).toBeGreaterThan(10);
      expect(rollup).toEqual(await fromRaw.json());
    }
  });

  it('the same insert twice with its token adds rows once, in the table and its rollups', async () => {
    const values = events
      .slice(0, 5)
      .map((e, i) =>
        eventRow(
          { ...e, event: { ...e.event, eventId: `dup-${i}` } },
          { topic: 'manual', partition: 9, offset: String(i) },
        ),
      );
    const token = dedupToken('manual', 9, '0', '4');
    for (let attempt = 0; attempt < 2; attempt++)
      await db.client.insert({
        table: 'events',
        values,
        format: 'JSONEachRow',
        clickhouse_settings: { insert_deduplication_token: token },
      });
    expect(await db.count("SELECT count() FROM events WHERE startsWith(event_id, 'dup-')")).toBe(5);
    expect(await db.count('SELECT count() FROM events')).toBe(605);
    expect(await db.count('SELECT sum(events) FROM events_per_minute')).toBe(605);
    expect(await db.count('SELECT sum(events) FROM events_per_hour')).toBe(605);
    expect(await db.count("SELECT max(max_offset) FROM ingest_offsets WHERE topic = 'manual'")).toBe(4);
  });
});
