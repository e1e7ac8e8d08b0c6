import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue, DEFAULT_QUEUE_OPTIONS } from '../../src/core/batch-queue.js';
import { parseRetryAfter, retryDelayMs } from '../../src/core/retry.js';
import type { SendResult, Transport } from '../../src/core/transport.js';
import type { FaultlineEvent } from '../../src/core/types.js';

/** A transport that answers from a script and records what it was given. */
function scriptedTransport(answers: SendResult[]): Transport & { bodies: string[][] } {
  const bodies: string[][] = [];
  return {
    bodies,
    async send(body) {
      bodies.push((JSON.parse(body) as FaultlineEvent[]).map((e) => e.message));
      return answers.shift() ?? { status: 202 };
    },
  };
}

const event = (message: string) => ({ message }) as FaultlineEvent;

describe('retryDelayMs', () => {
  it.each([
    { name: 'first retry, no jitter', attempt: 1, random: 0, retryAfterMs: undefined, delay: 500 },
    { name: 'first retry, full jitter', attempt: 1, random: 1, retryAfterMs: undefined, delay: 1000 },
    { name: 'doubles', attempt: 3, random: 1, retryAfterMs: undefined, delay: 4000 },
    { name: 'capped', attempt: 10, random: 1, retryAfterMs: undefined, delay: 30_000 },
    { name: 'Retry-After wins when later', attempt: 1, random: 1, retryAfterMs: 60_000, delay: 60_000 },
  ])('$name', ({ attempt, random, retryAfterMs, delay }) => {
    expect(retryDelayMs(attempt, { baseMs: 1000, maxMs: 30_000 }, () => random, retryAfterMs)).toBe(delay);
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('BatchQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const queue = (transport: Transport, options = {}) =>
    new BatchQueue(transport, { ...DEFAULT_QUEUE_OPTIONS, random: () => 1, ...options });

  it('batches by size and by interval', async () => {
    const transport = scriptedTransport([]);
    const q = queue(transport, { maxBatch: 2, flushIntervalMs: 1000 });
    q.add(event('a'));
    q.add(event('b'));
    q.add(event('c'));
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.bodies).toEqual([['a', 'b']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.bodies).toEqual([['a', 'b'], ['c']]);
  });

  it('retries a failed batch with backoff, keeping order, then drops it after maxAttempts', async () => {
    const dropped: string[] = [];
    const transport = scriptedTransport([{ status: 503 }, { status: 0 }, { status: 503 }]);
    const q = queue(transport, {
      maxAttempts: 3,
      flushIntervalMs: 10,
      onDrop: (events: FaultlineEvent[], reason: string) =>
        dropped.push(...events.map((e) => `${e.message}: ${reason}`)),
    });
    q.add(event('a'));
    await vi.advanceTimersByTimeAsync(10);
    q.add(event('b'));
    await vi.advanceTimersByTimeAsync(999);
    expect(transport.bodies).toEqual([['a']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.bodies).toEqual([['a'], ['a', 'b']]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.bodies).toEqual([['a'], ['a', 'b'], ['a', 'b']]);
    expect(dropped).toEqual(['a: status 503', 'b: status 503']);
    expect(q.size).toBe(0);
  });

  it('does not retry a refusal (4xx other than 408 and 429)', async () => {
    const transport = scriptedTransport([{ status: 400 }]);
    const q = queue(transport);
    q.add(event('bad'));
    const flushed = q.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(await flushed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport.bodies).toEqual([['bad']]);
  });

  it('honours Retry-After on 429', async () => {
    const transport = scriptedTransport([{ status: 429, retryAfterMs: 5000 }]);
    const q = queue(transport, { flushIntervalMs: 0 });
    q.add(event('a'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport.bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.bodies).toHaveLength(2);
  });

  it('flush sends a batch waiting out its backoff at once', async () => {
    const transport = scriptedTransport([{ status: 503 }]);
    const q = queue(transport, { flushIntervalMs: 0 });
    q.add(event('a'));
    await vi.advanceTimersByTimeAsync(0);
    const flushed = q.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(await flushed).toBe(true);
    expect(transport.bodies).toEqual([['a'], ['a']]);
  });

  it('drops the oldest past maxQueue', () => {
    const dropped: string[] = [];
    const q = queue(scriptedTransport([]), {
      maxQueue: 2,
      onDrop: (events: FaultlineEvent[]) => dropped.push(...events.map((e) => e.message)),
    });
    for (const m of ['a', 'b', 'c']) q.add(event(m));
    expect(dropped).toEqual(['a']);
    expect(q.size).toBe(2);
  });

  it('drainFinal hands everything to sendFinal in batches', () => {
    const finals: string[][] = [];
    const transport: Transport = {
      send: async () => ({ status: 202 }),
      sendFinal: (body) => {
        finals.push((JSON.parse(body) as FaultlineEvent[]).map((e) => e.message));
        return true;
      },
    };
    const q = queue(transport, { maxBatch: 2, flushIntervalMs: 60_000 });
    for (const m of ['a', 'b', 'c']) q.add(event(m));
    q.drainFinal();
    expect(finals).toEqual([['a', 'b'], ['c']]);
    expect(q.size).toBe(0);
  });
});
