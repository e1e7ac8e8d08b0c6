import { describe, expect, it } from 'vitest';
import { progress, renderBar } from '../../src/output/progress.js';
import { renderTable } from '../../src/output/table.js';

describe('renderTable', () => {
  const rows = [
    ['a1', 'critical', 'database connection refused while saving the order'],
    ['b22', 'low', 'timeout'],
  ];

  it.each([
    { name: 'fits without shrinking', width: 200 },
    { name: 'shrinks the widest column first', width: 40 },
    { name: 'narrow terminal', width: 25 },
  ])('$name', ({ width }) => {
    const out = renderTable(['id', 'severity', 'message'], rows, width);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    expect(out.split('\n')[1]).toMatch(/^a1\s+critical\s+database/);
  });

  it('marks a cut cell with an ellipsis and keeps short columns whole', () => {
    const out = renderTable(['id', 'severity', 'message'], rows, 40);
    expect(out).toContain('…');
    expect(out).toContain('critical');
  });

  it('puts multi-line cells on one line', () => {
    expect(renderTable(['m'], [['a\nb']])).toBe('m\na b');
  });
});

describe('renderBar', () => {
  it.each([
    { done: 0, total: 4, expected: /^\[-+\]\s+0% 0\/4 x/ },
    { done: 2, total: 4, expected: /^\[#+-+\]\s+50% 2\/4 x/ },
    { done: 4, total: 4, expected: /^\[#+\] 100% 4\/4 x/ },
  ])('$done of $total', ({ done, total, expected }) => {
    const bar = renderBar(done, total, 'x', 80);
    expect(bar).toMatch(expected);
    expect(bar.length).toBeLessThan(80);
  });
});

describe('renderTable keep', () => {
  it('cuts other columns before a kept one', () => {
    const out = renderTable(['id', 'message'], [['0123456789abcdef', 'x'.repeat(60)]], 40, ['id']);
    expect(out.split('\n')[1]).toMatch(/^0123456789abcdef {2}x+…$/);
    expect(out.split('\n')[1]?.length).toBe(40);
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return {
      written,
      stream: { isTTY, columns: 60, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream,
    };
  };

  it('draws on a terminal and clears the line when done', () => {
    const tty = stream(true);
    const bar = progress(2, tty.stream);
    bar.update(1, 'kafka');
    bar.stop();
    const clear = '\r\x1b[2K';
    expect(tty.written[0]?.startsWith(clear)).toBe(true);
    expect(tty.written[0]?.slice(clear.length)).toMatch(/^\[#+-+\]\s+50% 1\/2 kafka$/);
    expect(tty.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing when stderr is a pipe', () => {
    const pipe = stream(false);
    const bar = progress(2, pipe.stream);
    bar.update(1, 'kafka');
    bar.stop();
    expect(pipe.written).toEqual([]);
  });
});
