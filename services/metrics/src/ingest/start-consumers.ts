import type { ClickHouseClient } from '@clickhouse/client';
import { consumerRunOptions } from '@faultline/config';
import {
  alertEventCodec,
  auditRecordCodec,
  type Codec,
  categorizedEventCodec,
  ticketEventCodec,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  type createKafka,
  MemoryAttemptLedger,
  type RunConsumerOptions,
  type RunningConsumer,
  runConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { MetricsConfig } from '../config.js';
import { clickHouseSink, type InsertedBatch } from './clickhouse-sink.js';
import { isInsertOutage } from './insert-failure.js';
import { alertEventRow, auditRow, eventRow, type KafkaOrigin, ticketRow } from './rows.js';
import { type DedupedEvents, dropStoredEvents, type EventKeyColumns } from './stored-events.js';

type Row = Record<string, unknown>;

export interface MetricsClients {
  kafka: ReturnType<typeof createKafka>;
  /** For dead letters only. */
  producer: BatchingProducer;
  clickhouse: ClickHouseClient;
}

export interface StartConsumersOptions {
  logger: Logger;
  onInserted?(batch: InsertedBatch): Promise<void> | void;
  /** kafkajs consumer settings merged over the batching ones (shorter timeouts in tests). */
  consumer?: RunConsumerOptions<unknown>['consumer'];
}

/** One consumer per topic (each topic has its own contract, audit included), all committing only after their insert. */
export async function startMetricsConsumers(
  config: Pick<MetricsConfig, 'kafka' | 'consumer'>,
  clients: MetricsClients,
  options: StartConsumersOptions,
): Promise<RunningConsumer[]> {
  const topics = topicNames(config.kafka.topicPrefix);
  const settings = consumerRunOptions(config.consumer);
  // Only events come again under new offsets (the categorizer re-sends after a crash).
  const dropStoredRows = (rows: Row[]) =>
    dropStoredEvents(clients.clickhouse, rows as (Row & EventKeyColumns)[]);
  const sinks = [
    {
      name: 'events',
      topic: topics.errorsCategorized,
      codec: categorizedEventCodec,
      toRow: eventRow,
      dropStored: dropStoredRows,
    },
    { name: 'alert-events', topic: topics.alertEvents, codec: alertEventCodec, toRow: alertEventRow },
    { name: 'tickets', topic: topics.tickets, codec: ticketEventCodec, toRow: ticketRow },
    { name: 'audit', topic: topics.audit, codec: auditRecordCodec, toRow: auditRow },
  ] as const;
  const tables = {
    events: 'events',
    'alert-events': 'alert_events',
    tickets: 'tickets',
    audit: 'audit_log',
  } as const;

  const started: RunningConsumer[] = [];
  try {
    for (const sink of sinks) {
      started.push(
        await start(
          sink.codec as Codec<unknown>,
          sink.toRow as (value: unknown, from: KafkaOrigin) => Record<string, unknown>,
          {
            groupId: `${settings.groupId}.${sink.name}`,
            topic: sink.topic,
            table: tables[sink.name],
            dropStored: 'dropStored' in sink ? sink.dropStored : undefined,
          },
        ),
      );
    }
  } catch (error) {
    await Promise.allSettled(started.map((consumer) => consumer.stop()));
    throw error;
  }
  return started;

  function start(
    codec: Codec<unknown>,
    toRow: (value: unknown, from: KafkaOrigin) => Row,
    target: {
      groupId: string;
      topic: string;
      table: string;
      dropStored: ((rows: Row[]) => Promise<DedupedEvents<Row>>) | undefined;
    },
  ): Promise<RunningConsumer> {
    return runConsumer({
      ...settings,
      kafka: clients.kafka,
      groupId: target.groupId,
      topics: [target.topic],
      codec,
      // A row ClickHouse refuses (hostile text it cannot store) is dead-lettered after the bound
      // instead of stopping history for the partition. In memory: metrics keeps no Redis, and an
      // insert fails by throwing, which a process counts on its own; nothing here runs hostile
      // patterns that could stall the event loop.
      attemptLedger: new MemoryAttemptLedger(),
      isOutage: isInsertOutage,
      handler: clickHouseSink({
        client: clients.clickhouse,
        table: target.table,
        toRow,
        ...(target.dropStored ? { dropStored: target.dropStored } : {}),
        onInserted: options.onInserted,
      }),
      dlq: { topic: topics.dlq, producer: clients.producer },
      logger: options.logger,
      consumer: { ...settings.consumer, ...options.consumer },
    });
  }
}
