import { describe, expect, it } from 'vitest';
import { applyClockSkew } from '../../src/intake/clock-skew.js';

const received = Date.parse('2026-11-29T12:00:00.000Z');
const policy = { recordAboveMs: 60_000, clampAboveMs: 86_400_000 };
const at = (offsetMs: number) => new Date(received + offsetMs).toISOString();

describe('applyClockSkew', () => {
  it.each([
    { name: 'in sync: nothing recorded', timestamp: at(-2_000), expected: { timestamp: at(-2_000) } },
    {
      name: 'an hour behind: kept, skew recorded',
      timestamp: at(-3_600_000),
      expected: { timestamp: at(-3_600_000), clockSkewMs: -3_600_000 },
    },
    {
      name: 'ten minutes ahead: kept, skew recorded',
      timestamp: at(600_000),
      expected: { timestamp: at(600_000), clockSkewMs: 600_000 },
    },
    {
      name: 'two days ahead: clamped to receipt',
      timestamp: at(172_800_000),
      expected: { timestamp: at(0), clockSkewMs: 172_800_000 },
    },
    {
      name: 'year 1970: clamped to receipt',
      timestamp: '1970-01-01T00:00:00.000Z',
      expected: { timestamp: at(0), clockSkewMs: -received },
    },
    {
      name: 'unparseable: left for the contract check',
      timestamp: 'yesterday',
      expected: { timestamp: 'yesterday' },
    },
  ])('$name', ({ timestamp, expected }) => {
    expect(applyClockSkew(timestamp, received, policy)).toEqual(expected);
  });
});
