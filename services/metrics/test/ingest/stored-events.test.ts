import { describe, expect, it } from 'vitest';
import { firstOfEachEvent, storedEventsLookup } from '../../src/ingest/stored-events.js';

const row = (event_id: string, time = '2026-11-28T10:00:00.000Z', project_id = 'p1', group_id = 'g1') => ({
  project_id,
  group_id,
  time,
  event_id,
});

describe('firstOfEachEvent', () => {
  it.each([
    { id: 'no repeats', rows: [row('a'), row('b')], kept: ['a', 'b'] },
    {
      id: 'a repeat keeps the first',
      rows: [row('a'), row('b'), row('a', '2026-11-28T11:00:00.000Z')],
      kept: ['a', 'b'],
    },
    {
      id: 'same id in another group is another event',
      rows: [row('a'), row('a', undefined, 'p1', 'g2')],
      kept: ['a', 'a'],
    },
    { id: 'empty', rows: [], kept: [] },
  ])('$id', ({ rows, kept }) => {
    expect(firstOfEachEvent(rows).map((r) => r.event_id)).toEqual(kept);
  });

  it('keeps the first copy itself', () => {
    const first = row('a');
    expect(firstOfEachEvent([first, row('a')])[0]).toBe(first);
  });
});

describe('storedEventsLookup', () => {
  it('spans the chunk with a second of slack and carries every key', () => {
    const lookup = storedEventsLookup([
      row('a', '2026-11-28T10:00:05.000Z'),
      row('b', '2026-11-28T10:00:01.500Z', 'p2', 'g9'),
    ]);
    expect(lookup?.fromMs).toBe(Date.parse('2026-11-28T10:00:00.500Z'));
    expect(lookup?.toMs).toBe(Date.parse('2026-11-28T10:00:06.000Z'));
    expect(lookup?.keys.map((k) => k.values)).toEqual([
      ['p1', 'g1', 'a'],
      ['p2', 'g9', 'b'],
    ]);
  });

  it('leaves out rows whose time does not parse, and is null without keys', () => {
    expect(storedEventsLookup([row('a', 'nope'), row('b')])?.keys.map((k) => k.values[2])).toEqual(['b']);
    expect(storedEventsLookup([row('a', 'nope')])).toBeNull();
    expect(storedEventsLookup([])).toBeNull();
  });
});
