/**
 * `pnpm bench e2e`: the six services as processes (the `pnpm start` supervisor, a private
 * namespace on the local Kafka, Redis and ClickHouse), driven open-loop at fixed offered loads.
 * Per load: accepted events/s, ingest request latency p50/p99, end to end from the 202 to the
 * event's ClickHouse row (a sample of events, found by polling) and to the `fired` alert-event
 * (probe events, each its own critical group: detection here groups by groupId), the peak
 * consumer lag of each group, and each service's peak RSS (VmRSS polled each second; VmHWM at the end).
 *
 * BENCH_E2E_RATES (events/s, comma-separated, default 500,2000), BENCH_E2E_SECONDS (default 30),
 * BENCH_E2E_BATCH (events per request, default 10). The figures: BENCH_E2E_RATES=2000,10000
 * BENCH_E2E_SECONDS=60.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { alertEventCodec } from '@faultline/contracts';
import { ensureInfra, stopInfra } from '@faultline/infra';
import { consumerLag } from '@faultline/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { errorEvent } from '../support/events.js';
import { SERVICE_NAMES, type ServiceName, Stack } from '../support/stack.js';
import { sleep } from '../support/wait.js';

const RATES = (process.env.BENCH_E2E_RATES ?? '500,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 30);
const BATCH = Number(process.env.BENCH_E2E_BATCH ?? 10);
const SAMPLE_EVERY = 50; // one event in 50 is followed to its ClickHouse row
const PROBE_EVERY_MS = 1000; // one critical probe per second is followed to its alert
const MAX_IN_FLIGHT = 512;
const DRAIN_MS = 120_000;

const log = (line: string) => console.log(line);
const { started, ...infra } = await ensureInfra({ log: (line) => log(`infra: ${line}`) });
const stack = new Stack({
  infra,
  label: 'bench',
  logLevel: 'warn',
  partitions: { 'errors.raw': 4, 'errors.categorized': 4 },
  env: {
    // Each probe is its own group, so each opens its own alert.
    FAULTLINE_DETECTION_GROUP_BY: 'groupId',
  },
});
log(`starting the six services (logs in ${stack.logsDir})...`);
await stack.start().catch(async (error: unknown) => {
  await stack.stop({ keepLogs: true });
  await stopInfra(started);
  throw error;
});
const project = await stack.createProject('bench', { ratePerSecond: 1e6, burst: 1e6 });
const ingestUrl = new URL(`${stack.url('ingest')}/api/v1/events`);
const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

const kafka = new Kafka({ clientId: 'bench-e2e', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();

// The fired alert-events, by the probe event among their samples.
const alertSeenAt = new Map<string, number>();
const reader = kafka.consumer({ groupId: `${stack.prefix}bench-reader`, maxWaitTimeInMs: 50 });
await reader.connect();
await reader.subscribe({ topics: [stack.topics.alertEvents], fromBeginning: true });
await reader.run({
  eachMessage: async ({ message }) => {
    const decoded = alertEventCodec.decode(message.value);
    if (!decoded.ok || decoded.value.type !== 'fired') return;
    const now = Date.now();
    for (const sample of decoded.value.alert.samples)
      if (!alertSeenAt.has(sample.eventId)) alertSeenAt.set(sample.eventId, now);
  },
});

function post(body: string): Promise<{ status: number; ids: string[] }> {
  return new Promise((resolve) => {
    const req = request(
      ingestUrl,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${project.key}`, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const ids =
            status === 202 ? (JSON.parse(Buffer.concat(chunks).toString()) as { ids: string[] }).ids : [];
          resolve({ status, ids });
        });
      },
    );
    req.on('error', () => resolve({ status: 0, ids: [] }));
    req.end(body);
  });
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
const round = (n: number) => Math.round(n * 10) / 10;

function rssKb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (pid === undefined) return 0;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const GROUPS = {
  categorizer: { group: `${stack.prefix}categorizer`, topic: stack.topics.errorsRaw },
  detector: { group: `${stack.prefix}detector`, topic: stack.topics.errorsCategorized },
  metrics: { group: `${stack.prefix}metrics.events`, topic: stack.topics.errorsCategorized },
};
async function lags(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(GROUPS).map(async ([name, { group, topic }]) => {
      const partitions = await consumerLag(admin, group, [topic]).catch(() => []);
      return [name, partitions.reduce((sum, p) => sum + p.lag, 0)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const MESSAGES = [
  ["Cannot read properties of undefined (reading 'id')", 'profile'],
  ['Unauthorized access attempt on /admin', 'security'],
  ['Upstream request timeout calling inventory', 'api'],
  ['Image failed to load', 'frontend'],
  ['Audio context was not allowed to start', 'audio-player'],
] as const;

async function runPhase(rate: number) {
  const requestMs: number[] = [];
  const sampled = new Map<string, number>(); // eventId -> accepted at
  const probes = new Map<string, number>();
  const statuses = new Map<number, number>();
  let accepted = 0;
  let offered = 0;
  let skipped = 0;
  let inFlight = 0;
  let sequence = 0;
  const peakLag: Record<string, number> = { categorizer: 0, detector: 0, metrics: 0 };
  const peakRss = Object.fromEntries(SERVICE_NAMES.map((n) => [n, 0])) as Record<ServiceName, number>;
  let sampling = true;

  const monitor = (async () => {
    while (sampling) {
      for (const name of SERVICE_NAMES)
        peakRss[name] = Math.max(peakRss[name], rssKb(stack.pid(name), 'VmRSS'));
      for (const [name, lag] of Object.entries(await lags()))
        peakLag[name] = Math.max(peakLag[name] ?? 0, lag);
      await sleep(1000);
    }
  })();

  // Rows are looked for while the load runs, not only after it: an event stored early must
  // not be measured as late as the end of the phase.
  const rowSeenAt = new Map<string, number>();
  let following = true;
  const rowFollower = (async () => {
    while (following) {
      const pending = [...sampled.keys()].filter((id) => !rowSeenAt.has(id));
      for (let i = 0; i < pending.length; i += 200) {
        // A query the loaded server drops is simply asked again on the next round.
        const rows = await stack
          .queryOrEmpty<{ event_id: string }>(
            'SELECT event_id FROM events WHERE project_id = {p:String} AND event_id IN {ids:Array(String)}',
            { p: project.id, ids: pending.slice(i, i + 200) },
          )
          .catch(() => []);
        const now = Date.now();
        for (const row of rows) rowSeenAt.set(row.event_id, now);
      }
      await sleep(250);
    }
  })();

  const send = (events: Record<string, unknown>[], onAccepted: (ids: string[], at: number) => void) => {
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped += events.length;
      return;
    }
    inFlight++;
    offered += events.length;
    const start = performance.now();
    void post(JSON.stringify(events)).then(({ status, ids }) => {
      inFlight--;
      requestMs.push(performance.now() - start);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      accepted += ids.length;
      if (ids.length > 0) onAccepted(ids, Date.now());
    });
  };

  const startedAt = performance.now();
  const endAt = startedAt + SECONDS * 1000;
  let batchesSent = 0;
  let nextProbe = startedAt;
  while (performance.now() < endAt) {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * (rate / BATCH));
    while (batchesSent < due) {
      batchesSent++;
      const events = Array.from({ length: BATCH }, () => {
        const [message, component] = MESSAGES[sequence++ % MESSAGES.length] as (typeof MESSAGES)[number];
        return errorEvent(message, { component });
      });
      send(events, (ids) => {
        const at = Date.now();
        for (const id of ids) if (Math.random() < 1 / SAMPLE_EVERY) sampled.set(id, at);
      });
    }
    if (performance.now() >= nextProbe) {
      nextProbe += PROBE_EVERY_MS;
      const probe = errorEvent('Database connection failed: pool exhausted', {
        component: 'database',
        fingerprint: [`probe-${rate}-${sequence++}`],
      });
      send([probe], (ids, at) => {
        for (const id of ids) probes.set(id, at);
      });
    }
    await sleep(5);
  }
  const elapsedS = (performance.now() - startedAt) / 1000;
  while (inFlight > 0) await sleep(20);
  const acceptedPerS = accepted / elapsedS;

  // Drain: wait for the remaining samples to reach ClickHouse and the probes their alerts.
  const drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil) {
    const alertsDone = [...probes.keys()].every((id) => alertSeenAt.has(id));
    if (rowSeenAt.size === sampled.size && alertsDone) break;
    await sleep(250);
  }
  following = false;
  sampling = false;
  await Promise.all([rowFollower, monitor]);

  const toRow = [...rowSeenAt].map(([id, at]) => at - (sampled.get(id) as number));
  const toAlert = [...probes].flatMap(([id, at]) =>
    alertSeenAt.has(id) ? [(alertSeenAt.get(id) as number) - at] : [],
  );
  return {
    offeredPerS: rate,
    seconds: round(elapsedS),
    offered,
    skippedAtClient: skipped,
    accepted,
    acceptedPerS: round(acceptedPerS),
    statuses: Object.fromEntries(statuses),
    eventsPerRequest: BATCH,
    ingestP50Ms: round(percentile(requestMs, 50)),
    ingestP99Ms: round(percentile(requestMs, 99)),
    rowSamples: `${rowSeenAt.size}/${sampled.size}`,
    toClickHouseP50Ms: round(percentile(toRow, 50)),
    toClickHouseP99Ms: round(percentile(toRow, 99)),
    alertProbes: `${toAlert.length}/${probes.size}`,
    toAlertEventP50Ms: round(percentile(toAlert, 50)),
    toAlertEventP99Ms: round(percentile(toAlert, 99)),
    peakLag,
    peakRssMb: Object.fromEntries(SERVICE_NAMES.map((n) => [n, Math.round(peakRss[n] / 1024)])),
  };
}

const phases = [];
try {
  for (const rate of RATES) {
    log(`\noffered ${rate} events/s for ${SECONDS} s in requests of ${BATCH}...`);
    const result = await runPhase(rate);
    phases.push(result);
    log(
      `  accepted ${result.acceptedPerS} events/s (${result.accepted} of ${result.offered}; statuses ${JSON.stringify(result.statuses)}; skipped at the client ${result.skippedAtClient})`,
    );
    log(`  ingest request p50 ${result.ingestP50Ms} ms, p99 ${result.ingestP99Ms} ms`);
    log(
      `  202 -> ClickHouse row p50 ${result.toClickHouseP50Ms} ms, p99 ${result.toClickHouseP99Ms} ms (${result.rowSamples} sampled rows found)`,
    );
    log(
      `  202 -> fired alert-event p50 ${result.toAlertEventP50Ms} ms, p99 ${result.toAlertEventP99Ms} ms (${result.alertProbes} probes)`,
    );
    log(`  peak consumer lag ${JSON.stringify(result.peakLag)}`);
    log(`  peak RSS MB ${JSON.stringify(result.peakRssMb)}`);
  }
  const hwm = Object.fromEntries(
    SERVICE_NAMES.map((n) => [n, Math.round(rssKb(stack.pid(n), 'VmHWM') / 1024)]),
  );
  log(`\nVmHWM at the end, MB: ${JSON.stringify(hwm)}`);
  log(
    JSON.stringify({
      bench: 'e2e',
      cores: (await import('node:os')).availableParallelism(),
      phases,
      vmHwmMb: hwm,
    }),
  );
} finally {
  await reader.disconnect().catch(() => {});
  await admin.disconnect().catch(() => {});
  agent.destroy();
  await stack.stop();
  await stopInfra(started);
}
