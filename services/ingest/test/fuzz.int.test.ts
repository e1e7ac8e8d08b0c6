import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_BODY_LIMIT_BYTES, type FuzzEnv, startFuzzEnv } from './fuzz/fuzz-env.js';
import { describeFailures, runFuzz } from './fuzz/run-fuzz.js';
import { testInfra } from './support/infra.js';

/**
 * A bounded fuzz run against ingest running as its own process: generated malformed and
 * hostile bodies, headers, encodings and framings on every intake route. Every answer must be
 * 2xx, a 4xx naming the problem, or a 503 with Retry-After; the process must survive, and
 * still accept a well-formed event afterwards. Cases are a pure function of (seed, index):
 * FUZZ_SEED picks the run, FUZZ_CASES its size, FUZZ_CASE replays one case.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
const CASES = Number(process.env.FUZZ_CASES ?? 2500);
const indexes =
  process.env.FUZZ_CASE !== undefined
    ? [Number(process.env.FUZZ_CASE)]
    : Array.from({ length: CASES }, (_, i) => i);

let env: FuzzEnv;

beforeAll(async () => {
  env = await startFuzzEnv(testInfra());
}, 120_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('ingest under fuzzing', () => {
  it(`answers ${indexes.length} hostile requests (seed ${SEED}) with 2xx, a named 4xx or 503, and stays up`, async () => {
    console.log(
      `ingest fuzz: seed ${SEED}, ${indexes.length} cases (replay: FUZZ_SEED=${SEED} FUZZ_CASE=<index>)`,
    );
    const result = await runFuzz({
      seed: SEED,
      indexes,
      port: env.ingest.port,
      target: env.target,
      bodyLimitBytes: FUZZ_BODY_LIMIT_BYTES,
      concurrency: 6,
      timeoutMs: 20_000,
    });
    console.log(`ingest fuzz answers: ${JSON.stringify(result.statuses)}`);

    const report =
      result.failures.length > 0
        ? `${describeFailures(result.failures)}\n--- ingest log tail ---\n${env.ingest.log.slice(-4000)}`
        : '';
    expect(report).toBe('');
    expect(env.ingest.exited, `ingest exited:\n${env.ingest.log.slice(-4000)}`).toBeUndefined();
    expect(await env.ingest.health('/healthz')).toBe(200);

    // Still serving: a well-formed event gets 202 and reaches errors.raw.
    const eventId = `fuzz-after-${SEED}`;
    const response = await fetch(`http://${env.target.host}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.target.key}` },
      body: JSON.stringify({
        eventId,
        timestamp: new Date().toISOString(),
        level: 'error',
        message: 'after the fuzz',
        source: 'other',
      }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ids: [eventId] });

    // Everything ingest accepted arrived, and everything it wrote is a valid ErrorEvent.
    const expected = [...result.acceptedIds, eventId];
    await waitFor(() => expected.every((id) => env.written.eventIds.has(id)), 30_000);
    expect(expected.filter((id) => !env.written.eventIds.has(id))).toEqual([]);
    expect(env.written.invalid).toEqual([]);
  }, 240_000);

  describe('cases the fuzz found', () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`http://${env.target.host}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${env.target.key}`,
          ...headers,
        },
        body,
      });

    it('?sentry_key given twice on /api/v1/events is a 403 naming it, not a 500', async () => {
      const response = await post(`/api/v1/events?sentry_key=${env.target.key}&sentry_key=x`, '{}');
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        error: 'FL_INGEST_AUTH_MISMATCH',
        message: expect.stringContaining('sentry_key'),
      });
    });

    it('an event whose required fields sit only under "__proto__" is a 400 naming it, and nothing is written', async () => {
      const eventId = `fuzz-proto-${SEED}`;
      const response = await post(
        '/api/v1/events',
        `{"eventId":"${eventId}","__proto__":{"timestamp":"${new Date().toISOString()}","level":"error","message":"m","source":"other"}}`,
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'FL_INGEST_INVALID_EVENT',
        message: expect.stringContaining('__proto__'),
      });
      expect(env.written.eventIds.has(eventId)).toBe(false);
    });
  });
});
