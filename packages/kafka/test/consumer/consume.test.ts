import { type ErrorEvent, errorEventCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import type { Committer } from '../../src/consumer/backend.js';
import { consume } from '../../src/consumer/consume.js';
import type { DlqLimitOptions } from '../../src/consumer/dlq-limit.js';
import type { BatchHandler, HandlerResult } from '../../src/consumer/handler-step.js';
import { isKafkaError } from '../../src/errors.js';
import { MemoryBroker } from '../../src/memory/memory-broker.js';
import { MemoryDeadLetters } from '../../src/memory/memory-dead-letters.js';
import { MemorySource } from '../../src/memory/memory-source.js';
import { errorEvent, testLogger, waitFor } from '../support/infra.js';

const TOPIC = 'events';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A broker whose commits also land in the test's trace, so the order of side effects shows. */
class TracingBroker extends MemoryBroker {
  constructor(readonly trace: string[]) {
    super();
  }
  override committer(groupId: string): Committer {
    const inner = super.committer(groupId);
    return {
      commit: async (offsets) => {
        this.trace.push(`commit ${offsets.map((o) => `${o.topic}/${o.partition}@${o.offset}`).join(' ')}`);
        await inner.commit(offsets);
      },
    };
  }
}

type Record = { partition?: number; value: ErrorEvent | string };
const valid = (n: number, partition = 0): Record => ({ partition, value: errorEvent(n) });
const garbage = (n: number, partition = 0): Record => ({ partition, value: `garbage ${n}` });

interface Harness {
  broker: TracingBroker;
  source: MemorySource;
  deadLetters: MemoryDeadLetters;
  trace: string[];
}

async function chain(
  records: Record[],
  options: {
    handler: (trace: string[]) => BatchHandler<ErrorEvent>;
    partitions?: number;
    maxHandlerBatch?: number;
    dlqLimit?: DlqLimitOptions | false;
    retries?: number;
    heartbeatEveryMs?: number;
    failDeadLetters?: boolean;
  },
) {
  const trace: string[] = [];
  const broker = new TracingBroker(trace);
  broker.createTopic(TOPIC, options.partitions ?? 1);
  for (const { partition, value } of records)
    broker.produce(TOPIC, {
      partition,
      value: typeof value === 'string' ? value : errorEventCodec.encode(value),
    });
  const deadLetters = new MemoryDeadLetters();
  if (options.failDeadLetters) deadLetters.fail = new Error('dlq topic unreachable');
  const tracedDeadLetters = {
    send: async (letters: Parameters<MemoryDeadLetters['send']>[0]) => {
      trace.push(`dlq ${letters.map((l) => `${l.partition}:${l.offset}`).join(',')}`);
      await deadLetters.send(letters);
    },
  };
  const source = new MemorySource(broker, {
    groupId: 'group',
    topics: [TOPIC],
    fromBeginning: true,
    retries: options.retries,
  });
  const running = await consume(source, {
    codec: errorEventCodec,
    handler: options.handler(trace),
    deadLetters: tracedDeadLetters,
    logger: testLogger,
    dlqLimit: options.dlqLimit,
    maxHandlerBatch: options.maxHandlerBatch,
    heartbeatEveryMs: options.heartbeatEveryMs,
  });
  const harness: Harness = { broker, source, deadLetters, trace };
  return { ...harness, running };
}

/** The handler's view in the trace: `handle <partition>:<offset>,...`. */
const tracing =
  (
    behave: (
      call: number,
      offsets: string[],
    ) => HandlerResult | undefined | Promise<HandlerResult | undefined> = () => undefined,
  ) =>
  (trace: string[]): BatchHandler<ErrorEvent> => {
    let calls = 0;
    return async (messages, context) => {
      calls += 1;
      const offsets = messages.map((m) => m.offset);
      trace.push(`handle ${messages.map((m) => `${context.partition}:${m.offset}`).join(',')}`);
      await sleep(2);
      return behave(calls, offsets);
    };
  };

function everythingCommitted({ broker }: Harness, partitions: number): boolean {
  return Array.from(
    { length: partitions },
    (_, p) => broker.committed('group', TOPIC, p) === broker.endOffset(TOPIC, p),
  ).every(Boolean);
}

describe('a consumer chain on the in-memory backend', () => {
  it.each([
    {
      id: 'commits each chunk only after its handler call resolved',
      records: [valid(0), valid(1), valid(2)],
      options: { handler: tracing(), maxHandlerBatch: 2 },
      trace: ['handle 0:0,0:1', 'commit events/0@2', 'handle 0:2', 'commit events/0@3'],
      outcome: 'stopped',
    },
    {
      id: 'a handler failure commits nothing and the chunk is retried',
      records: [valid(0), valid(1), valid(2)],
      options: {
        handler: tracing((call) => {
          if (call === 1) throw new Error('ClickHouse is down');
          return undefined;
        }),
      },
      trace: ['handle 0:0,0:1,0:2', 'handle 0:0,0:1,0:2', 'commit events/0@3'],
      outcome: 'stopped',
    },
    {
      id: 'an undecodable message is dead-lettered and the chain carries on',
      records: [valid(0), garbage(1), valid(2)],
      options: { handler: tracing() },
      trace: ['handle 0:0,0:2', 'dlq 0:1', 'commit events/0@3'],
      deadLetters: [
        { topic: TOPIC, partition: 0, offset: '1', reason: expect.stringMatching(/invalid JSON/) },
      ],
      outcome: 'stopped',
    },
    {
      id: 'a message the handler declares invalid is dead-lettered with the handler reason',
      records: [valid(0), valid(1)],
      options: {
        handler: tracing(async (_call, offsets) => ({
          invalid: offsets.filter((o) => o === '1').map((offset) => ({ offset, reason: 'unknown project' })),
        })),
      },
      trace: ['handle 0:0,0:1', 'dlq 0:1', 'commit events/0@2'],
      deadLetters: [{ topic: TOPIC, partition: 0, offset: '1', reason: 'unknown project' }],
      outcome: 'stopped',
    },
    {
      id: 'a dead letter that is not acknowledged blocks the commit',
      records: [garbage(0), valid(1)],
      options: { handler: tracing(), failDeadLetters: true, retries: 1, dlqLimit: false as const },
      trace: ['handle 0:1', 'dlq 0:0', 'handle 0:1', 'dlq 0:0'],
      outcome: 'FL_KAFKA_CONSUMER_CRASHED',
    },
    {
      id: 'DlqLimit stops the consumer before dead-lettering or committing the chunk that breaks it',
      records: [
        ...Array.from({ length: 10 }, (_, n) => valid(n)),
        ...Array.from({ length: 12 }, (_, n) => garbage(n)),
      ],
      options: {
        handler: tracing(),
        maxHandlerBatch: 10,
        dlqLimit: { maxInvalidRatio: 0.5, minMessages: 10 },
      },
      trace: [
        `handle ${Array.from({ length: 10 }, (_, n) => `0:${n}`).join(',')}`,
        'commit events/0@10',
        `dlq ${Array.from({ length: 10 }, (_, n) => `0:${n + 10}`).join(',')}`,
        'commit events/0@20',
      ],
      outcome: 'FL_KAFKA_DLQ_LIMIT',
    },
    {
      id: 'offsets committed are the last offset + 1 of each partition',
      records: [valid(0, 0), valid(1, 1), valid(2, 0), garbage(3, 1), valid(4, 0)],
      options: { handler: tracing(), partitions: 2 },
      trace: ['handle 0:0,0:1,0:2', 'commit events/0@3', 'handle 1:0', 'dlq 1:1', 'commit events/1@2'],
      outcome: 'stopped',
    },
  ])('$id', async ({ records, options, trace, deadLetters, outcome }) => {
    const harness = await chain(records, options);
    const partitions = options.partitions ?? 1;
    const gaveUp = harness.running.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    await Promise.race([
      gaveUp,
      waitFor(() => everythingCommitted(harness, partitions), 5_000, 'every commit', 5),
    ]);
    await harness.running.stop();
    const settled = await harness.running.done.then(
      () => 'stopped',
      (error: unknown) => (isKafkaError(error) ? error.code : error),
    );
    expect(settled).toBe(outcome);
    expect(harness.trace).toEqual(trace);
    if (deadLetters) expect(harness.deadLetters.letters).toMatchObject(deadLetters);
  });

  it('stop() finishes the in-flight chunk and commits it; chunks not started are left', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const harness = await chain([valid(0), valid(1), valid(2), valid(3)], {
      maxHandlerBatch: 2,
      handler: tracing(async () => {
        entered = true;
        await gate;
        return undefined;
      }),
    });
    await waitFor(() => entered, 5_000, 'the handler to start', 5);

    let stopped = false;
    const stopping = harness.running.stop().then(() => {
      stopped = true;
    });
    await sleep(20);
    expect(stopped).toBe(false);
    expect(harness.broker.committed('group', TOPIC, 0)).toBeUndefined();
    release();
    await stopping;
    await expect(harness.running.done).resolves.toBeUndefined();
    expect(harness.trace).toEqual(['handle 0:0,0:1', 'commit events/0@2']);
  });

  it('heartbeats while a long handler call runs', async () => {
    const harness = await chain([valid(0)], {
      heartbeatEveryMs: 5,
      handler: tracing(async () => {
        await sleep(100);
        return undefined;
      }),
    });
    await waitFor(() => everythingCommitted(harness, 1), 5_000, 'the commit', 5);
    await harness.running.stop();
    // ~20 timer beats during the 100 ms call plus one after the chunk; timers on a busy machine are late, not early.
    expect(harness.source.heartbeats).toBeGreaterThanOrEqual(5);
  });
});
