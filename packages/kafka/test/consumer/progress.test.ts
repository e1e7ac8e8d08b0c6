import { describe, expect, it } from 'vitest';
import { ChunkProgress, combinedLiveness } from '../../src/consumer/progress.js';

describe('chunk progress', () => {
  it('counts concurrent chunks by the oldest one in flight', async () => {
    let now = 0;
    const progress = new ChunkProgress(100, () => now);
    let releaseOld!: () => void;
    const old = progress.track(() => new Promise<void>((resolve) => (releaseOld = resolve)));
    now = 80;
    let releaseNew!: () => void;
    const recent = progress.track(() => new Promise<void>((resolve) => (releaseNew = resolve)));
    now = 101;
    expect(progress.liveness()).toEqual({
      stuck: true,
      deadlineMs: 100,
      lastProgressAt: 0,
      oldestInFlightMs: 101,
    });
    releaseOld();
    await old;
    expect(progress.liveness()).toEqual({
      stuck: false,
      deadlineMs: 100,
      lastProgressAt: 101,
      oldestInFlightMs: 21,
    });
    releaseNew();
    await recent;
  });

  it('a failed chunk is progress too: it is no longer in flight', async () => {
    let now = 0;
    const progress = new ChunkProgress(100, () => now);
    now = 500;
    await expect(progress.track(async () => Promise.reject(new Error('handler failed')))).rejects.toThrow();
    expect(progress.liveness()).toMatchObject({ stuck: false, oldestInFlightMs: null, lastProgressAt: 500 });
  });

  it.each([
    {
      id: 'stuck when any part is',
      parts: [
        { stuck: false, deadlineMs: 60_000, lastProgressAt: 50, oldestInFlightMs: null },
        { stuck: true, deadlineMs: 30_000, lastProgressAt: 10, oldestInFlightMs: 31_000 },
      ],
      combined: { stuck: true, deadlineMs: 30_000, lastProgressAt: 10, oldestInFlightMs: 31_000 },
    },
    {
      id: 'idle parts are not stuck',
      parts: [
        { stuck: false, deadlineMs: 60_000, lastProgressAt: 50, oldestInFlightMs: null },
        { stuck: false, deadlineMs: 60_000, lastProgressAt: 40, oldestInFlightMs: 5 },
      ],
      combined: { stuck: false, deadlineMs: 60_000, lastProgressAt: 40, oldestInFlightMs: 5 },
    },
  ])('combined liveness: $id', ({ parts, combined }) => {
    expect(combinedLiveness(parts)).toEqual(combined);
  });
});
