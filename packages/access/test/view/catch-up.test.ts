import { describe, expect, it } from 'vitest';
import { CatchUp } from '../../src/view/catch-up.js';

describe('CatchUp', () => {
  it('is done at once when every partition is empty (or compacted away)', () => {
    expect(new CatchUp([]).done()).toBe(true);
    expect(new CatchUp([{ partition: 0, low: '7', high: '7' }]).done()).toBe(true);
  });

  it('waits for the last offset that existed at start on every partition', () => {
    const catchUp = new CatchUp([
      { partition: 0, low: '0', high: '10' },
      { partition: 1, low: '4', high: '5' },
      { partition: 2, low: '3', high: '3' },
    ]);
    expect(catchUp.consumed(0, '8')).toBe(false);
    expect(catchUp.consumed(1, '4')).toBe(false);
    expect(catchUp.consumed(0, '9')).toBe(true);
  });

  it('counts a batch past the watermark (records written since start) as caught up', () => {
    const catchUp = new CatchUp([{ partition: 0, low: '0', high: '3' }]);
    expect(catchUp.consumed(0, '40')).toBe(true);
  });

  it('ignores partitions it was not waiting for', () => {
    const catchUp = new CatchUp([{ partition: 0, low: '0', high: '1' }]);
    expect(catchUp.consumed(5, '100')).toBe(false);
  });
});
