/**
 * Insert throughput of the embedded ClickHouse server through @clickhouse/client.
 *   pnpm tsx test/bench/clickhouse.ts            (BENCH_ROWS, BENCH_BATCH to change the size)
 * Starts its own server on a free port with a temp data dir and removes both.
 * The last line is JSON with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClickHouse, startEmbeddedClickHouse } from '@faultline/clickhouse';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const batchRows = Number(process.env.BENCH_BATCH ?? 100_000);
const levels = ['error', 'warning', 'fatal', 'info'] as const;

function batch(offset: number, n: number) {
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      event_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      project_id: `project-${i % 50}`,
      level: levels[i % levels.length],
      ts: new Date(base + i * 37).toISOString(),
      message: `TypeError: cannot read properties of undefined (reading 'x${i % 1000}')`,
      response_ms: i % 7000,
    };
  });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'faultline-bench-ch-'));
const server = await startEmbeddedClickHouse({ port: 0, dataDir, logLevel: 'warn' });
const client = createClickHouse({ url: server.url });
try {
  await client.command({
    query: `CREATE TABLE bench_events (
      event_id UUID, project_id LowCardinality(String), level LowCardinality(String),
      ts DateTime64(3, 'UTC'), message String, response_ms UInt32
    ) ENGINE = MergeTree ORDER BY (project_id, ts)`,
  });

  let insertMs = 0;
  let bytes = 0;
  for (let offset = 0; offset < rows; offset += batchRows) {
    const values = batch(offset, Math.min(batchRows, rows - offset));
    for (const v of values) bytes += Buffer.byteLength(JSON.stringify(v)) + 1;
    const t0 = performance.now();
    await client.insert({ table: 'bench_events', values, format: 'JSONEachRow' });
    insertMs += performance.now() - t0;
  }

  const q0 = performance.now();
  const rs = await client.query({
    query: 'SELECT count() AS n, uniqExact(project_id) AS projects FROM bench_events',
    format: 'JSONEachRow',
  });
  const [check] = await rs.json<{ n: string; projects: string }>();
  const queryMs = performance.now() - q0;
  if (Number(check?.n) !== rows) throw new Error(`expected ${rows} rows, found ${check?.n}`);

  const seconds = insertMs / 1000;
  const insertRowsPerSec = Math.round(rows / seconds);
  const insertMBPerSec = Number((bytes / 1e6 / seconds).toFixed(1));
  console.log(
    `embedded ClickHouse at ${server.url} (chdb), ${rows.toLocaleString('en')} rows in batches of ${batchRows.toLocaleString('en')}`,
  );
  console.log(
    `insert: ${seconds.toFixed(2)} s, ${insertRowsPerSec.toLocaleString('en')} rows/s, ${insertMBPerSec} MB/s of JSONEachRow (${(bytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(`count + uniqExact over ${check?.n} rows: ${queryMs.toFixed(1)} ms`);
  console.log(
    JSON.stringify({
      bench: 'clickhouse',
      rows,
      batchRows,
      insertSeconds: Number(seconds.toFixed(3)),
      insertRowsPerSec,
      insertMBPerSec,
      queryMs: Number(queryMs.toFixed(1)),
    }),
  );
} finally {
  await client.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
