import { describe, expect, it } from 'vitest';
import { parseClusterNodes } from '../src/cluster-nodes.js';
import { keySlot } from '../src/key-slot.js';

describe('keySlot', () => {
  // Expected values from the Redis Cluster spec and `CLUSTER KEYSLOT` (checked against a real cluster in execBatch's test).
  it.each([
    { id: 'a plain key', key: '123456789', slot: 12739 },
    { id: 'a plain word', key: 'foo', slot: 12182 },
    { id: 'a hash tag', key: 'fl:x:{foo}:y', slot: 12182 },
    { id: 'only the first tag', key: '{foo}{bar}', slot: 12182 },
    { id: 'an empty tag hashes the whole key', key: '{}foo', slot: keySlot('{}foo') },
    { id: 'an unclosed brace hashes the whole key', key: 'foo{bar', slot: keySlot('foo{bar') },
  ])('$id', ({ key, slot }) => {
    expect(keySlot(key)).toBe(slot);
  });

  it('an empty tag is not a tag', () => {
    expect(keySlot('{}foo')).not.toBe(keySlot('{}bar'));
  });
});

describe('parseClusterNodes', () => {
  it('reads host:port seeds', () => {
    expect(parseClusterNodes(['redis-0:6379', ' 10.0.0.2:7000 '])).toEqual([
      { host: 'redis-0', port: 6379 },
      { host: '10.0.0.2', port: 7000 },
    ]);
  });

  it.each(['redis-0', 'redis-0:', 'redis-0:99999', 'a:1,b:2', 'redis://x:1'])(
    'refuses %s with a coded error naming it',
    (node) => {
      expect(() => parseClusterNodes([node])).toThrow(
        expect.objectContaining({ code: 'FL_ERR_REDIS_CONFIG', message: expect.stringContaining(node) }),
      );
    },
  );
});
