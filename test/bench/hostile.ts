/**
 * `pnpm bench hostile`: per-event time of the categorizer and the detector on the hostile
 * events of test/support/hostile-events.ts (bait for every rule and normalizer, fields at the
 * contract's limits, many tags, odd Unicode), next to ordinary events, in this process:
 * - categorizer: decode the bytes (parse, depth, well-formed text, schema) and categorize;
 * - detector: its events handler on one-event chunks against the real Redis (REDIS_URL).
 * Each event's time is the cheapest of ROUNDS runs. FUZZ_SEED and BENCH_EVENTS pick the set.
 * Last line: JSON with p50, p99 and worst in microseconds per event for each set and stage.
 */
import { loadConfig } from '@faultline/config';
import { type CategorizedEvent, errorEventCodec } from '@faultline/contracts';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { categorize } from '../../services/categorizer/src/categorize.js';
import { runbookRuleSet } from '../../services/categorizer/src/rules/rule-set.js';
import { realisticEvents } from '../../services/categorizer/test/support/payloads.js';
import { DetectorConfig } from '../../services/detector/src/config.js';
import { createEventsHandler } from '../../services/detector/src/handle-events.js';
import { createWindowStore } from '../../services/detector/src/store/window-store.js';
import { hostileCase } from '../support/hostile-events.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 140);
const ROUNDS = 3;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench.hostile.${process.pid}:`;

const rules = runbookRuleSet();
const logger = createLogger({ service: 'bench-hostile', level: 'error' });
const config = loadConfig(DetectorConfig, {
  env: { REDIS_URL: redisUrl, FAULTLINE_REDIS_KEY_PREFIX: prefix },
});

const hostileCases = Array.from({ length: EVENTS }, (_, i) => hostileCase(SEED, i));
const hostile = hostileCases.map((c) => c.bytes);
const ordinary = realisticEvents(EVENTS).map((event) => errorEventCodec.encode(event));

interface Summary {
  events: number;
  p50Us: number;
  p99Us: number;
  worstUs: number;
}

function summarize(micros: number[]): Summary {
  const sorted = [...micros].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { events: sorted.length, p50Us: at(0.5), p99Us: at(0.99), worstUs: Math.round(sorted.at(-1) ?? 0) };
}

/** Each item's cheapest time over ROUNDS, so one descheduling on a shared machine does not count. */
async function perItem<T>(items: T[], run: (item: T, round: number) => unknown): Promise<number[]> {
  const best = items.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, item] of items.entries()) {
      const start = process.hrtime.bigint();
      await run(item, round);
      best[i] = Math.min(best[i] as number, Number(process.hrtime.bigint() - start) / 1000);
    }
  return best;
}

function categorizeBytes(bytes: Buffer): CategorizedEvent | undefined {
  const decoded = errorEventCodec.decode(bytes);
  return decoded.ok ? categorize(decoded.value, rules, new Date()) : undefined;
}

const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
async function detectorMicros(events: CategorizedEvent[], name: string): Promise<number[]> {
  const store = createWindowStore(redis, {
    keyPrefix: `${prefix}${name}:`,
    lateToleranceMs: config.detection.lateToleranceMs,
    updateIntervalMs: config.detection.updateIntervalMs,
    alertIdleTtlMs: config.detection.alertIdleTtlMs,
    maxLogEntries: config.detection.maxLogEntries,
    sampleLimit: 5,
  });
  const handler = createEventsHandler({
    detection: config.detection,
    store,
    sampleLimit: 5,
    publish: async () => {},
  });
  const context = { topic: 'bench', partition: 0, heartbeat: async () => {}, logger };
  return perItem(events, (value, round) =>
    handler(
      [{ value, key: null, topic: 'bench', partition: 0, offset: `${round}`, timestamp: '0', headers: {} }],
      context,
    ),
  );
}

try {
  for (const bytes of [...hostile, ...ordinary]) categorizeBytes(bytes); // warm-up: JIT
  const hostileMicros = await perItem(hostile, categorizeBytes);
  const worstByKind: Record<string, number> = {};
  for (const [i, c] of hostileCases.entries())
    worstByKind[c.kind] = Math.max(worstByKind[c.kind] ?? 0, Math.round(hostileMicros[i] as number));
  const categorizer = {
    hostile: summarize(hostileMicros),
    worstByKindUs: worstByKind,
    ordinary: summarize(await perItem(ordinary, categorizeBytes)),
  };
  const valid = (set: Buffer[]) =>
    set.map(categorizeBytes).filter((e): e is CategorizedEvent => e !== undefined);
  const detector = {
    hostile: summarize(await detectorMicros(valid(hostile), 'hostile')),
    ordinary: summarize(await detectorMicros(valid(ordinary), 'ordinary')),
  };
  const row = (stage: string, set: string, s: Summary) =>
    `${stage.padEnd(12)}${set.padEnd(10)}${String(s.events).padStart(7)}${String(s.p50Us).padStart(10)}${String(s.p99Us).padStart(10)}${String(s.worstUs).padStart(10)}`;
  console.log(
    `${'stage'.padEnd(12)}${'events'.padEnd(10)}${'count'.padStart(7)}${'p50 us'.padStart(10)}${'p99 us'.padStart(10)}${'worst us'.padStart(10)}`,
  );
  console.log(row('categorizer', 'hostile', categorizer.hostile));
  console.log(row('categorizer', 'ordinary', categorizer.ordinary));
  console.log(`categorizer worst per hostile kind (us): ${JSON.stringify(worstByKind)}`);
  console.log(row('detector', 'hostile', detector.hostile));
  console.log(row('detector', 'ordinary', detector.ordinary));
  console.log(JSON.stringify({ bench: 'hostile', seed: SEED, categorizer, detector }));
} finally {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}
