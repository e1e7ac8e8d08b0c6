import { Counter, type Registry } from 'prom-client';
import type { InsertedBatch } from './ingest/clickhouse-sink.js';

export interface IngestMetrics {
  onInserted(batch: InsertedBatch): void;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  const rows = new Counter({
    name: 'faultline_metrics_rows_inserted_total',
    help: 'Rows inserted into ClickHouse, by table',
    labelNames: ['table'],
    registers: [registry],
  });
  const inserts = new Counter({
    name: 'faultline_metrics_inserts_total',
    help: 'ClickHouse inserts (one per consumed chunk), by table',
    labelNames: ['table'],
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'faultline_metrics_replayed_messages_skipped_total',
    help: 'Redelivered messages found already stored (offset at or below the watermark), by table',
    labelNames: ['table'],
    registers: [registry],
  });
  return {
    onInserted(batch) {
      rows.inc({ table: batch.table }, batch.rows);
      if (batch.rows > 0) inserts.inc({ table: batch.table });
      if (batch.skipped > 0) skipped.inc({ table: batch.table }, batch.skipped);
    },
  };
}
