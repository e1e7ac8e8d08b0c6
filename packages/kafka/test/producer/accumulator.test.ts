import { describe, expect, it } from 'vitest';
import { Accumulator, type Timer } from '../../src/producer/accumulator.js';

/** A timer that fires only when told to, so linger is tested without sleeping. */
function manualTimer() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let nextId = 0;
  const timer: Timer = {
    set: (callback, ms) => {
      nextId += 1;
      pending.set(nextId, { callback, ms });
      return nextId;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const fireAll = () => {
    for (const [id, { callback }] of [...pending]) {
      pending.delete(id);
      callback();
    }
  };
  return { timer, pending, fireAll };
}

function setup(limits = { lingerMs: 5, maxBatchMessages: 3, maxBatchBytes: 100 }) {
  const clock = manualTimer();
  let readySignals = 0;
  const accumulator = new Accumulator<{ bytes: number; id: number }>(limits, clock.timer, () => {
    readySignals += 1;
  });
  return { accumulator, clock, signals: () => readySignals };
}

describe('Accumulator', () => {
  it('Batch closed by linger: the first item starts one timer of lingerMs', () => {
    const { accumulator, clock, signals } = setup();
    accumulator.add({ bytes: 1, id: 1 });
    accumulator.add({ bytes: 1, id: 2 });
    expect([...clock.pending.values()].map((t) => t.ms)).toEqual([5]);
    expect(accumulator.isReady()).toBe(false);
    clock.fireAll();
    expect(signals()).toBe(1);
    expect(accumulator.isReady()).toBe(true);
    expect(accumulator.take().map((i) => i.id)).toEqual([1, 2]);
    expect(accumulator.isReady()).toBe(false);
  });

  it('Batch closed by count: ready at once, without waiting for the timer', () => {
    const { accumulator, signals } = setup();
    for (const id of [1, 2, 3, 4]) accumulator.add({ bytes: 1, id });
    expect(signals()).toBeGreaterThanOrEqual(1);
    expect(accumulator.take().map((i) => i.id)).toEqual([1, 2, 3]);
    expect(accumulator.length).toBe(1);
  });

  it('Batch closed by bytes', () => {
    const { accumulator, signals } = setup();
    accumulator.add({ bytes: 60, id: 1 });
    expect(signals()).toBe(0);
    accumulator.add({ bytes: 60, id: 2 });
    expect(signals()).toBe(1);
    expect(accumulator.take().map((i) => i.id)).toEqual([1]);
  });

  it('a backlog left after a lingered batch stays ready', () => {
    const { accumulator, clock } = setup();
    for (const id of [1, 2, 3, 4, 5]) accumulator.add({ bytes: 1, id });
    clock.fireAll();
    accumulator.take();
    expect(accumulator.isReady()).toBe(true);
    accumulator.add({ bytes: 1, id: 6 });
    expect(clock.pending.size).toBe(0);
    expect(accumulator.take().map((i) => i.id)).toEqual([4, 5, 6]);
  });

  it('emptying the queue cancels the linger timer and the next item starts a fresh one', () => {
    const { accumulator, clock } = setup();
    for (const id of [1, 2, 3]) accumulator.add({ bytes: 1, id });
    accumulator.take();
    expect(clock.pending.size).toBe(0);
    accumulator.add({ bytes: 1, id: 4 });
    expect(clock.pending.size).toBe(1);
    expect(accumulator.isReady()).toBe(false);
  });
});
