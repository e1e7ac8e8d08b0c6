import { describe, expect, it } from 'vitest';
import { countActive, mergeSnapshot, sortedAlerts, upsert } from '../../web/src/alerts-state.js';
import { percentChange } from '../../web/src/format.js';
import type { AlertView } from '../../web/src/types.js';

const alert = (id: string, over: Partial<AlertView> = {}): AlertView => ({
  alertId: id,
  severity: 'high',
  status: 'firing',
  message: 'HIGH: 5 errors detected',
  errorCount: 5,
  affectedComponents: [],
  stage: 0,
  firstSeen: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  acknowledgedBy: '',
  resolvedBy: '',
  ...over,
});
/** An alert as /alerts/active lists it: firing or acknowledged, nobody resolved it. */
const listed = (id: string) => ({ ...alert(id), status: 'firing' as const });

describe('alerts state', () => {
  it.each([
    { name: 'a newer version replaces', next: '2026-11-29T10:00:05.000Z', status: 'acknowledged' },
    { name: 'an older version is ignored', next: '2026-11-29T09:59:00.000Z', status: 'firing' },
  ] as const)('$name', ({ next, status }) => {
    const map = upsert(new Map([['a', alert('a')]]), alert('a', { status: 'acknowledged', updatedAt: next }));
    expect(map.get('a')?.status).toBe(status);
  });

  it('keeps a live resolve newer than a snapshot that still lists the alert', () => {
    const live = upsert(new Map(), alert('a', { status: 'resolved', updatedAt: '2026-11-29T10:00:09.000Z' }));
    const merged = mergeSnapshot(live, { asOf: '2026-11-29T10:00:08.000Z', alerts: [listed('a')] });
    expect(merged.get('a')?.status).toBe('resolved');
  });

  it('drops alerts the snapshot no longer lists unless live saw them after it', () => {
    const live = new Map([
      ['old', alert('old', { updatedAt: '2026-11-29T10:00:00.000Z' })],
      ['new', alert('new', { updatedAt: '2026-11-29T10:00:09.000Z' })],
    ]);
    const merged = mergeSnapshot(live, { asOf: '2026-11-29T10:00:05.000Z', alerts: [] });
    expect([...merged.keys()]).toEqual(['new']);
  });

  it('sorts firing before acknowledged before resolved, most severe first, and counts only active ones', () => {
    const map = new Map(
      [
        alert('r', { status: 'resolved', severity: 'critical' }),
        alert('h', {}),
        alert('c', { severity: 'critical' }),
        alert('k', { status: 'acknowledged', severity: 'critical' }),
      ].map((a) => [a.alertId, a]),
    );
    expect(sortedAlerts(map).map((a) => a.alertId)).toEqual(['c', 'h', 'k', 'r']);
    expect(countActive(map).critical).toEqual({ firing: 1, acknowledged: 1 });
  });

  it.each([
    { current: 10, previous: 5, change: 100 },
    { current: 5, previous: 10, change: -50 },
    { current: 0, previous: 0, change: 0 },
    { current: 3, previous: 0, change: undefined },
  ])('change from $previous to $current is $change%', ({ current, previous, change }) => {
    expect(percentChange(current, previous)).toBe(change);
  });
});
