import { type ErrorEvent, errorEventCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import type { AttemptLedger } from '../../src/attempts/attempt-ledger.js';
import { consume, type RunningConsumer } from '../../src/consumer/consume.js';
import type { BatchHandler } from '../../src/consumer/handler-step.js';
import { MemoryAttemptLedger } from '../../src/memory/memory-attempt-ledger.js';
import { MemoryBroker } from '../../src/memory/memory-broker.js';
import { MemoryDeadLetters } from '../../src/memory/memory-dead-letters.js';
import { MemorySource } from '../../src/memory/memory-source.js';
import { errorEvent, testLogger, waitFor } from '../support/infra.js';

const TOPIC = 'events';
const never = new Promise<never>(() => {});

/** What a handler sees per call, and which offsets it finished (returned for). */
interface Seen {
  calls: string[];
  finished: string[];
}

/** `behave` decides per call: return normally, throw, or hang. */
type Behave = (offsets: string[], call: number) => 'ok' | Error | 'hang';

function handlerFor(seen: Seen, behave: Behave): BatchHandler<ErrorEvent> {
  return async (messages) => {
    const offsets = messages.map((m) => m.offset);
    seen.calls.push(offsets.join(','));
    const outcome = behave(offsets, seen.calls.length);
    if (outcome instanceof Error) throw outcome;
    if (outcome === 'hang') await never;
    seen.finished.push(...offsets);
  };
}

function brokerWith(count: number): MemoryBroker {
  const broker = new MemoryBroker();
  broker.createTopic(TOPIC, 1);
  for (let n = 0; n < count; n += 1) broker.produce(TOPIC, { value: errorEventCodec.encode(errorEvent(n)) });
  return broker;
}

async function start(
  broker: MemoryBroker,
  ledger: AttemptLedger,
  handler: BatchHandler<ErrorEvent>,
  deadLetters: MemoryDeadLetters,
  options: { maxAttempts: number; chunkDeadlineMs?: number; maxHandlerBatch?: number },
): Promise<{ source: MemorySource; running: RunningConsumer }> {
  const source = new MemorySource(broker, { groupId: 'group', topics: [TOPIC], fromBeginning: true });
  const running = await consume(source, {
    codec: errorEventCodec,
    handler,
    deadLetters,
    logger: testLogger,
    maxHandlerBatch: options.maxHandlerBatch,
    chunkDeadlineMs: options.chunkDeadlineMs,
    attemptLedger: ledger,
    maxAttempts: options.maxAttempts,
  });
  return { source, running };
}

const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });

describe('bounded attempts on the in-memory backend', () => {
  it.each([
    {
      id: 'a message that crashes the handler is dead-lettered after the bound and the rest committed',
      count: 5,
      options: { maxAttempts: 2 },
      behave: ((offsets) =>
        offsets.includes('2') ? new Error('cannot read properties of undefined') : 'ok') as Behave,
      calls: ['0,1,2,3,4', '0,1,2,3,4', '0', '1', '2', '2', '3', '4'],
      deadLetters: [
        {
          offset: '2',
          reason: 'handler stalled or crashed on 2 attempts: cannot read properties of undefined',
        },
      ],
    },
    {
      id: 'a handler that never settles times out, and each time out counts',
      count: 3,
      options: { maxAttempts: 2, chunkDeadlineMs: 30 },
      behave: ((offsets) => (offsets.includes('1') ? 'hang' : 'ok')) as Behave,
      calls: ['0,1,2', '0,1,2', '0', '1', '1', '2'],
      deadLetters: [
        {
          offset: '1',
          reason: 'handler stalled or crashed on 2 attempts: handler did not settle within 30 ms',
        },
      ],
    },
    {
      id: 'an outage (a dependency down) is retried without counting',
      count: 3,
      options: { maxAttempts: 2 },
      behave: ((_offsets, call) => (call <= 4 ? outage : 'ok')) as Behave,
      calls: ['0,1,2', '0,1,2', '0,1,2', '0,1,2', '0,1,2'],
      deadLetters: [],
    },
    {
      id: 'attempts reset once the chunk commits',
      count: 4,
      options: { maxAttempts: 2, maxHandlerBatch: 2 },
      // Each chunk fails once: counted together they would pass the bound.
      behave: ((_offsets, call) => (call === 1 || call === 3 ? new Error('flaky') : 'ok')) as Behave,
      calls: ['0,1', '0,1', '2,3', '2,3'],
      deadLetters: [],
    },
  ])('$id', async ({ count, options, behave, calls, deadLetters }) => {
    const broker = brokerWith(count);
    const seen: Seen = { calls: [], finished: [] };
    const letters = new MemoryDeadLetters();
    const { running } = await start(
      broker,
      new MemoryAttemptLedger(),
      handlerFor(seen, behave),
      letters,
      options,
    );
    await waitFor(() => broker.committed('group', TOPIC, 0) === String(count), 5_000, 'every commit', 5);
    await running.stop();

    expect(seen.calls).toEqual(calls);
    expect(letters.letters.map(({ offset, reason }) => ({ offset, reason }))).toEqual(deadLetters);
    // Nothing lost or doubled: every message not dead-lettered was finished exactly once.
    const dead = new Set(deadLetters.map((letter) => letter.offset));
    const expected = Array.from({ length: count }, (_, n) => String(n)).filter((o) => !dead.has(o));
    expect([...seen.finished].sort()).toEqual(expected);
  });

  it('a handler that blocks until the process is killed is dead-lettered after restarts over the same ledger', async () => {
    const broker = brokerWith(5);
    const ledger = new MemoryAttemptLedger();
    const seen: Seen = { calls: [], finished: [] };
    const letters = new MemoryDeadLetters();
    let stalled = false;
    // A synchronous stall cannot run in a test; a handler that never returns plus a kill is what the ledger sees.
    const handler = handlerFor(seen, (offsets) => {
      if (!offsets.includes('2')) return 'ok';
      stalled = true;
      return 'hang';
    });

    let restarts = 0;
    for (;;) {
      stalled = false;
      // Each "process" reaches the ledger until it is killed, as a dead process would.
      let killed = false;
      const fenced: AttemptLedger = {
        beginChunk: (...args) => (killed ? never : ledger.beginChunk(...args)),
        beginMessage: (...args) => (killed ? never : ledger.beginMessage(...args)),
        fail: (...args) => (killed ? never : ledger.fail(...args)),
      };
      const { source, running } = await start(broker, fenced, handler, letters, { maxAttempts: 2 });
      await waitFor(
        () => stalled || broker.committed('group', TOPIC, 0) === '5',
        5_000,
        'a stall or the end',
        5,
      );
      if (!stalled) {
        await running.stop();
        break;
      }
      killed = true;
      source.kill();
      restarts += 1;
    }

    expect(restarts).toBe(4);
    expect(seen.calls).toEqual(['0,1,2,3,4', '0,1,2,3,4', '0', '1', '2', '2', '3', '4']);
    expect(letters.letters.map(({ offset, reason }) => ({ offset, reason }))).toEqual([
      {
        offset: '2',
        reason:
          'handler stalled or crashed on 2 attempts: the last attempt never finished (the process stalled or was stopped)',
      },
    ]);
    expect([...seen.finished].sort()).toEqual(['0', '1', '3', '4']);
  });
});

describe('liveness', () => {
  it('an idle consumer is not stuck; a chunk in flight past the deadline is, until it finishes', async () => {
    let now = 1_000_000;
    const broker = brokerWith(0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const running = await consume(new MemorySource(broker, { groupId: 'group', topics: [TOPIC] }), {
      codec: errorEventCodec,
      handler: async () => {
        entered = true;
        await gate;
      },
      deadLetters: new MemoryDeadLetters(),
      logger: testLogger,
      chunkDeadlineMs: 60_000,
      clock: () => now,
    });

    now += 3_600_000;
    expect(running.liveness()).toEqual({
      stuck: false,
      deadlineMs: 60_000,
      lastProgressAt: now,
      oldestInFlightMs: null,
    });

    const startedAt = now;
    broker.produce(TOPIC, { value: errorEventCodec.encode(errorEvent(0)) });
    await waitFor(() => entered, 5_000, 'the handler to start', 5);
    now += 60_000;
    expect(running.liveness()).toMatchObject({ stuck: false, oldestInFlightMs: 60_000 });
    now += 1;
    expect(running.liveness()).toMatchObject({ stuck: true, oldestInFlightMs: 60_001 });
    expect(running.liveness().lastProgressAt).toBeLessThan(startedAt);

    release();
    await waitFor(() => broker.committed('group', TOPIC, 0) === '1', 5_000, 'the commit', 5);
    expect(running.liveness()).toMatchObject({ stuck: false, lastProgressAt: now, oldestInFlightMs: null });
    await running.stop();
  });
});
