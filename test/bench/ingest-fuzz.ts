/**
 * `pnpm bench ingest-fuzz`: ingest as its own process (as the supervisor runs it) under the
 * generated hostile requests of services/ingest/test/fuzz, with the resident memory (RSS) of
 * that process before, during and after. FUZZ_CASES (default 5000) and FUZZ_SEED pick the run;
 * KAFKA_BROKERS / REDIS_URL the servers (default local). Bounded: about a minute for 5000 cases.
 */
import { readFileSync } from 'node:fs';
import { FUZZ_BODY_LIMIT_BYTES, startFuzzEnv } from '../../services/ingest/test/fuzz/fuzz-env.js';
import { runFuzz } from '../../services/ingest/test/fuzz/run-fuzz.js';

const CASES = Number(process.env.FUZZ_CASES ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
const CONCURRENCY = 6;
const SAMPLE_MS = 250;
const SETTLE_MS = 5000;

/** RSS and its high-water mark in MiB, from /proc (Linux). */
function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: mib(kib('VmRSS') * 1024), peakMiB: mib(kib('VmHWM') * 1024) };
}
const mib = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

const env = await startFuzzEnv({
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
});
try {
  const pid = env.ingest.pid;
  const before = memory(pid);
  console.log(`ingest pid ${pid}: before ${before.rssMiB} MiB RSS`);

  const samples: number[] = [];
  const marks: { cases: number; rssMiB: number }[] = [];
  const sampler = setInterval(() => samples.push(memory(pid).rssMiB), SAMPLE_MS);
  const quarter = Math.max(1, Math.floor(CASES / 4));
  const started = performance.now();
  const result = await runFuzz({
    seed: SEED,
    indexes: Array.from({ length: CASES }, (_, i) => i),
    port: env.ingest.port,
    target: env.target,
    bodyLimitBytes: FUZZ_BODY_LIMIT_BYTES,
    concurrency: CONCURRENCY,
    timeoutMs: 20_000,
    onCase: (done) => {
      if (done % quarter === 0 || done === CASES) {
        const { rssMiB } = memory(pid);
        marks.push({ cases: done, rssMiB });
        console.log(`  after ${done} cases: ${rssMiB} MiB RSS`);
      }
    },
  });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  clearInterval(sampler);
  const afterRun = memory(pid);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = memory(pid);
  const alive = env.ingest.exited === undefined && (await env.ingest.health()) === 200;
  const duringMax = Math.max(...samples, afterRun.rssMiB);

  console.log(
    `${CASES} cases (seed ${SEED}, ${CONCURRENCY} at a time) in ${seconds} s: ${JSON.stringify(result.statuses)}`,
  );
  console.log(
    `failures (5xx other than 503, hangs, drops): ${result.failures.length}; ingest alive and healthy: ${alive}`,
  );
  console.log(
    `RSS: before ${before.rssMiB} MiB, during max ${duringMax} MiB, right after ${afterRun.rssMiB} MiB, after ${SETTLE_MS / 1000} s ${settled.rssMiB} MiB (process high-water ${settled.peakMiB} MiB)`,
  );
  console.log(
    JSON.stringify({
      bench: 'ingest-fuzz',
      cases: CASES,
      seed: SEED,
      concurrency: CONCURRENCY,
      bodyLimitBytes: FUZZ_BODY_LIMIT_BYTES,
      seconds,
      statuses: result.statuses,
      failures: result.failures.length,
      alive,
      rssMiB: {
        before: before.rssMiB,
        duringMax,
        marks,
        afterRun: afterRun.rssMiB,
        settled: settled.rssMiB,
        highWater: settled.peakMiB,
      },
    }),
  );
} finally {
  await env.close();
}
