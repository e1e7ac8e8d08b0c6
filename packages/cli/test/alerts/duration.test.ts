import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/alerts/duration.js';

describe('parseDuration', () => {
  it.each([
    { text: '90s', ms: 90_000 },
    { text: '30m', ms: 1_800_000 },
    { text: '2h', ms: 7_200_000 },
    { text: '1d', ms: 86_400_000 },
    { text: '1h30m', ms: 5_400_000 },
    { text: 'soon', ms: null },
    { text: '2h extra', ms: null },
    { text: '0m', ms: null },
    { text: '', ms: null },
  ])('$text', ({ text, ms }) => expect(parseDuration(text)).toBe(ms));
});
