/**
 * Metrics service: ingest rate and dashboard query latency over 10 million events.
 *   pnpm tsx test/bench/metrics.ts      (BENCH_EVENTS, BENCH_CLIENT_EVENTS, BENCH_RUNS to change sizes)
 * Starts its own embedded ClickHouse on a free port in a temp dir (removed after), applies the
 * service's migrations, then:
 *  1. client-side: events through the service's own sink (row mapping, JSONEachRow insert with
 *     dedup token, rollup views) in 10,000-row batches, as the consumer does;
 *  2. server-side: the bulk of the 10M rows generated with INSERT ... SELECT FROM numbers()
 *     (the same views fire), because 10M client-side inserts would not fit the time budget;
 *  3. each dashboard API route, through the fastify app, BENCH_RUNS times: p50/p95.
 * The last line is JSON with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClickHouse, startEmbeddedClickHouse } from '@faultline/clickhouse';
import type { CategorizedEvent } from '@faultline/contracts';
import type { ConsumedMessage, HandlerContext } from '@faultline/kafka';
import { buildMetricsApp } from '../../services/metrics/src/api/build-app.js';
import { loadMetricsConfig } from '../../services/metrics/src/config.js';
import { clickHouseSink } from '../../services/metrics/src/ingest/clickhouse-sink.js';
import { eventRow } from '../../services/metrics/src/ingest/rows.js';
import { migrateMetrics } from '../../services/metrics/src/storage/migrate.js';
import { memoryAccess } from '../support/access.js';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const CLIENT = Number(process.env.BENCH_CLIENT_EVENTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PROJECTS = 10;
const DAY = 86_400_000;
const HOUR = 3_600_000;
// Whole hours, so aligned ranges exist; events spread over the 7 days before it.
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const startedAt = performance.now();

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const CATEGORIES = ['system', 'security', 'performance', 'general'];
const COMPONENTS = [
  'database',
  'payment-api',
  'auth',
  'audio-player',
  'checkout',
  'search',
  'api-gateway',
  'uploads',
];
const TEAMS = [
  'infrastructure-team',
  'payment-team',
  'security-team',
  'frontend-team',
  'backend-team',
  'development-team',
];

function clientEvent(i: number): CategorizedEvent {
  const time = new Date(NOW - 7 * DAY + ((i * 7919) % (7 * DAY))).toISOString();
  return {
    schemaVersion: 1,
    event: {
      schemaVersion: 1,
      eventId: `c-${i}`,
      projectId: `project-${i % PROJECTS}`,
      timestamp: time,
      level: 'error',
      message: `TypeError: cannot read properties of undefined (reading 'x${i % 500}')`,
      component: COMPONENTS[i % COMPONENTS.length] as string,
      source: 'express',
    },
    groupId: (i % 5000).toString(16).padStart(16, '0'),
    fingerprint: { method: 'message', parts: [`x${i % 500}`] },
    severity: SEVERITIES[i % 4] as (typeof SEVERITIES)[number],
    category: CATEGORIES[i % 4] as string,
    priority: 'P2',
    escalation: 'standard',
    team: TEAMS[i % TEAMS.length] as string,
    ruleId: 'default',
    categorizedAt: time,
  };
}

const arr = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(',')}]`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'faultline-bench-metrics-'));
const server = await startEmbeddedClickHouse({ port: 0, dataDir, logLevel: 'warn' });
const config = loadMetricsConfig({ CLICKHOUSE_URL: server.url, CLICKHOUSE_DATABASE: 'bench' });
const admin = createClickHouse({ url: server.url, requestTimeoutMs: 600_000 });
const client = createClickHouse({ url: server.url, database: 'bench', requestTimeoutMs: 600_000 });
const summary: Record<string, unknown> = { projects: PROJECTS };
try {
  await migrateMetrics(admin, config);

  // 1. Client-side, through the consumer's sink.
  const sink = clickHouseSink<CategorizedEvent>({ client, table: 'events', toRow: eventRow });
  const context = { topic: 'bench', partition: 0, heartbeat: async () => {} } as HandlerContext;
  const batchSize = 10_000;
  const t1 = performance.now();
  for (let start = 0; start < CLIENT; start += batchSize) {
    const messages: ConsumedMessage<CategorizedEvent>[] = [];
    for (let i = start; i < Math.min(CLIENT, start + batchSize); i++)
      messages.push({
        value: clientEvent(i),
        key: null,
        topic: 'bench',
        partition: 0,
        offset: String(i),
        timestamp: '0',
        headers: {},
      });
    await sink(messages, context);
  }
  const clientSeconds = (performance.now() - t1) / 1000;
  summary.clientRowsPerSec = Math.round(CLIENT / clientSeconds);
  console.log(
    `client-side ingest (sink: map rows, JSONEachRow insert with token, rollup views): ${CLIENT.toLocaleString()} rows in ${clientSeconds.toFixed(1)} s = ${Math.round(CLIENT / clientSeconds).toLocaleString()} rows/s`,
  );

  // 2. Server-side: the rest of the 10M, generated by INSERT ... SELECT FROM numbers().
  const serverRows = TOTAL - CLIENT;
  const chunk = 1_000_000;
  // 10M rows with five views take 1.5-4 min on 2 cores; past the budget, stop generating and say so.
  const budgetMs = Number(process.env.BENCH_GENERATE_BUDGET_MS ?? 360_000);
  let generated = 0;
  const t2 = performance.now();
  for (let offset = 0; offset < serverRows; offset += chunk) {
    const n = Math.min(chunk, serverRows - offset);
    await client.command({
      query: `INSERT INTO events (project_id, group_id, time, event_id, received_at, categorized_at, level, severity, category,
                priority, escalation, team, rule_id, component, source, environment, release, message, exception_type,
                fingerprint_method, user_id, payload)
              SELECT concat('project-', toString(n % ${PROJECTS})) AS project_id,
                     leftPad(hex(n % 5000), 16, '0') AS group_id,
                     fromUnixTimestamp64Milli(toInt64(${NOW - 7 * DAY} + (n * 7919) % ${7 * DAY}), 'UTC') AS t,
                     concat('s-', toString(n)), t, t, 'error',
                     ${arr(SEVERITIES)}[n % 4 + 1], ${arr(CATEGORIES)}[n % 4 + 1], 'P2', 'standard',
                     ${arr(TEAMS)}[n % ${TEAMS.length} + 1], 'default', ${arr(COMPONENTS)}[n % ${COMPONENTS.length} + 1],
                     'express', 'production', '1.0.0',
                     concat('TypeError: cannot read properties of undefined (reading ''x', toString(n % 500), ''')'),
                     'TypeError', 'message', '', concat('{"eventId":"s-', toString(n), '"}')
              FROM (SELECT number + ${CLIENT + offset} AS n FROM numbers(${n}))`,
      clickhouse_settings: { insert_deduplication_token: `bench-${offset}` },
    });
    console.log(
      `  generated ${(offset + n).toLocaleString()} rows, ${((performance.now() - t2) / 1000).toFixed(1)} s`,
    );
    generated += n;
    if (performance.now() - t2 > budgetMs && generated < serverRows) {
      console.log(
        `  generation budget of ${budgetMs / 1000} s spent: stopping at ${(CLIENT + generated).toLocaleString()} of ${TOTAL.toLocaleString()} events`,
      );
      break;
    }
  }
  const serverSeconds = (performance.now() - t2) / 1000;
  summary.serverRowsPerSec = Math.round(generated / serverSeconds);
  summary.events = CLIENT + generated;
  summary.targetEvents = TOTAL;
  console.log(
    `server-side ingest (INSERT ... SELECT FROM numbers(), same views): ${generated.toLocaleString()} rows in ${serverSeconds.toFixed(1)} s = ${Math.round(generated / serverSeconds).toLocaleString()} rows/s`,
  );

  const [counted] = await (
    await client.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' })
  ).json<{ n: string }>();
  if (Number(counted?.n) !== CLIENT + generated)
    throw new Error(`expected ${CLIENT + generated} rows, found ${counted?.n}`);
  console.log(
    `querying over ${Number(counted?.n).toLocaleString()} events (${PROJECTS} projects; one project per query)`,
  );

  // 3. Dashboard queries through the app, for one project (1/10 of the rows).
  // Queries carry a read token, verified as in production (an in-memory view: this bench has no Kafka).
  const { access, secrets } = memoryAccess(['bench']);
  const app = await buildMetricsApp({ access, clickhouse: client, now: () => NOW });
  const iso = (ms: number) => new Date(ms).toISOString();
  const p = '/api/v1/projects/project-3';
  const queries: Record<string, string> = {
    'error rate per minute, last hour': `${p}/error-rate?from=${iso(NOW - HOUR)}&to=${iso(NOW)}`,
    'trends, 24 buckets over 7 days (hourly rollup)': `${p}/trends?from=${iso(NOW - 7 * DAY)}&to=${iso(NOW)}&buckets=24`,
    'trends, 24 buckets over 7 days, unaligned (raw rows)': `${p}/trends?from=${iso(NOW - 7 * DAY + 1000)}&to=${iso(NOW - 1000)}&buckets=24`,
    'top components, 24 h': `${p}/top/component?from=${iso(NOW - DAY)}&to=${iso(NOW)}`,
    'top categories, 7 days': `${p}/top/category?from=${iso(NOW - 7 * DAY)}&to=${iso(NOW)}`,
    'top groups, 24 h': `${p}/top/group?from=${iso(NOW - DAY)}&to=${iso(NOW)}`,
    'critical errors, 24 h': `${p}/critical?from=${iso(NOW - DAY)}&to=${iso(NOW)}`,
    'groups list, 7 days, page 1': `${p}/groups?from=${iso(NOW - 7 * DAY)}&to=${iso(NOW)}&limit=50`,
    'groups list, search + filter': `${p}/groups?from=${iso(NOW - 7 * DAY)}&to=${iso(NOW)}&q=x42&severity=critical`,
    "one group's events": `${p}/groups/${(3).toString(16).padStart(16, '0')}/events?from=${iso(NOW - 7 * DAY)}&to=${iso(NOW)}&limit=50`,
    'active alerts': `${p}/alerts/active`,
    'resolution metrics, 7 days': `${p}/resolution`,
  };
  const latency: Record<string, { p50: number; p95: number }> = {};
  for (const [name, url] of Object.entries(queries)) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${secrets.bench}` },
      });
      times.push(performance.now() - t);
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
    }
    times.sort((a, b) => a - b);
    latency[name] = { p50: Math.round(percentile(times, 0.5)), p95: Math.round(percentile(times, 0.95)) };
    console.log(
      `${name.padEnd(54)} p50 ${String(latency[name].p50).padStart(5)} ms   p95 ${String(latency[name].p95).padStart(5)} ms`,
    );
  }
  summary.queryRuns = RUNS;
  summary.latencyMs = latency;
  await app.close();
} finally {
  await Promise.allSettled([client.close(), admin.close()]);
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
summary.totalSeconds = Math.round((performance.now() - startedAt) / 1000);
console.log(JSON.stringify({ bench: 'metrics', ...summary }));
