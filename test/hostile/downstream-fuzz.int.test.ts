/**
 * Hostile events past ingest, through the whole pipeline as processes: each seeded case
 * (test/support/hostile-events.ts) is produced straight onto errors.raw, the public contract,
 * and the valid ones are also posted to ingest. Every case must be categorized and stored
 * exactly once, or dead-lettered with a reason; ingest answers each post with 202 or a coded
 * 4xx; and an ordinary event sent after them all still arrives. Replay one case with
 * FUZZ_SEED=<seed> FUZZ_CASE=<index>; FUZZ_CASES sets how many run.
 */
import { deadLetterCodec } from '@faultline/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorEvent } from '../support/events.js';
import { type HostileCase, hostileCase } from '../support/hostile-events.js';
import { type Project, type Stack, startStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 70);
const INDICES =
  process.env.FUZZ_CASE !== undefined
    ? [Number(process.env.FUZZ_CASE)]
    : Array.from({ length: CASES }, (_, i) => i);

let stack: Stack;
let project: Project;
let kafka: Kafka;
let failed = false;

beforeAll(async () => {
  stack = await startStack({
    infra: inject('infra'),
    label: 'hostile',
    env: { FAULTLINE_CONSUMER_MIN_BYTES: '1', FAULTLINE_CONSUMER_MAX_WAIT_MS: '200' },
  });
  project = await stack.createProject('hostile');
  kafka = new Kafka({ brokers: inject('infra').kafkaBrokers, logLevel: logLevel.NOTHING });
}, 180_000);

afterAll(async () => {
  if (failed && stack) console.error(`service logs kept in ${stack.logsDir}\n${stack.logTails()}`);
  await stack?.stop({ keepLogs: failed });
}, 60_000);

const replay = (c: HostileCase) => `FUZZ_SEED=${c.seed} FUZZ_CASE=${c.index} (${c.kind})`;

describe('hostile events past ingest', () => {
  it('categorizes and stores each once, or dead-letters it with a reason; the pipeline keeps going', async () => {
    try {
      const cases = INDICES.map((index) => hostileCase(SEED, index, project.id));

      // Straight onto errors.raw, one message a send so each case's offset is known.
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const offsets = new Map<string, HostileCase>();
      for (const c of cases) {
        const [meta] = await producer.send({
          topic: stack.topics.errorsRaw,
          acks: -1,
          messages: [{ key: project.id, value: c.bytes }],
        });
        offsets.set(`${meta?.partition}:${meta?.baseOffset}`, c);
      }
      await producer.disconnect();

      // The valid ones through ingest too, under their own ids.
      const accepted = new Set<string>();
      for (const c of cases.filter((x) => x.expected === 'categorized')) {
        // As an SDK posts it: ingest fills projectId from the key.
        const { projectId: _, ...event } = JSON.parse(c.bytes.toString('utf8')) as Record<string, unknown>;
        const body = { ...event, eventId: `${c.eventId}-http` };
        const response = await fetch(`${stack.url('ingest')}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${project.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await response.json().catch(() => undefined)) as { message?: unknown } | undefined;
        if (response.status === 202) accepted.add(`${c.eventId}-http`);
        else {
          expect(response.status, replay(c)).toBeGreaterThanOrEqual(400);
          expect(response.status, replay(c)).toBeLessThan(500);
          expect(typeof answer?.message, replay(c)).toBe('string');
        }
      }

      const ordinary = errorEvent('an ordinary error after the hostile ones');
      expect((await stack.sendEvents(project.key, [ordinary])).status).toBe(202);

      const wanted = new Set([
        ...cases.filter((c) => c.expected === 'categorized').map((c) => c.eventId as string),
        ...accepted,
        ordinary.eventId as string,
      ]);
      let stored = new Map<string, number>();
      await waitFor(
        async () => {
          const rows = await stack.queryOrEmpty<{ event_id: string; n: string }>(
            'SELECT event_id, count() AS n FROM events WHERE project_id = {p:String} GROUP BY event_id',
            { p: project.id },
          );
          stored = new Map(rows.map((row) => [row.event_id, Number(row.n)]));
          return [...wanted].every((id) => stored.has(id));
        },
        180_000,
        'every categorized case stored',
      ).catch((error: unknown) => {
        const missing = cases.filter((c) => c.expected === 'categorized' && !stored.has(c.eventId as string));
        throw new Error(`${(error as Error).message}; missing: ${missing.map(replay).join(', ')}`);
      });
      expect([...stored.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect([...stored.keys()].filter((id) => !wanted.has(id))).toEqual([]);

      // Every case the contract refuses is in the dlq, with its origin and a reason.
      const reader = kafka.consumer({ groupId: `${stack.prefix}fuzz-dlq-reader` });
      const letters = new Map<string, string>();
      await reader.connect();
      await reader.subscribe({ topics: [stack.topics.dlq], fromBeginning: true });
      await reader.run({
        eachMessage: async ({ message }) => {
          const letter = deadLetterCodec.decode(message.value);
          if (letter.ok && letter.value.source.topic === stack.topics.errorsRaw)
            letters.set(
              `${letter.value.source.partition}:${letter.value.source.offset}`,
              letter.value.reason,
            );
        },
      });
      const refused = [...offsets.entries()].filter(([, c]) => c.expected === 'dead-letter');
      await waitFor(
        () => refused.every(([offset]) => letters.has(offset)),
        60_000,
        'every refused case dead-lettered',
      );
      await reader.disconnect();
      for (const [offset, c] of refused) expect(letters.get(offset), replay(c)).toMatch(/^ErrorEvent: .+/);
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 420_000);
});
