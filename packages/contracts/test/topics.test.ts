import { describe, expect, it } from 'vitest';
import { categorizedKey, topicNames } from '../src/index.js';

describe('topicNames', () => {
  it.each([
    { id: 'default prefix', prefix: undefined, raw: 'faultline.errors.raw', dlq: 'faultline.dlq' },
    { id: 'custom prefix', prefix: 'staging-', raw: 'staging-errors.raw', dlq: 'staging-dlq' },
    { id: 'no prefix', prefix: '', raw: 'errors.raw', dlq: 'dlq' },
  ])('$id', ({ prefix, raw, dlq }) => {
    const names = topicNames(prefix);
    expect(names.errorsRaw).toBe(raw);
    expect(names.dlq).toBe(dlq);
  });

  it('refuses a prefix Kafka would reject', () => {
    expect(() => topicNames('bad prefix/')).toThrow(/may only hold/);
  });

  it('keys categorized events by project and group', () => {
    expect(categorizedKey('shop', 'abc')).toBe('shop:abc');
  });
});
