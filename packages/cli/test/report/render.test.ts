import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/report/render-html.js';
import { formatDuration } from '../../src/report/report-model.js';
import { barChartSvg } from '../../src/report/svg-chart.js';

describe('markdownToHtml', () => {
  it('escapes what error messages carry, in tables and lists', () => {
    const html = markdownToHtml(
      [
        '## Groups',
        '',
        '| group | message |',
        '| --- | --- |',
        '| g1 | <script>alert(1)</script> a \\| b |',
        '',
        '- **bold** <b>',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Groups</h2>');
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; a | b</td>');
    expect(html).toContain('<li><strong>bold</strong> &lt;b&gt;</li>');
    expect(html).not.toContain('<script>');
  });
});

describe('barChartSvg', () => {
  it('draws one bar per value, the tallest at full height, labels escaped', () => {
    const svg = barChartSvg('t', [
      { label: 'a<b', value: 2 },
      { label: 'c', value: 4 },
    ]);
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toEqual([85, 170]);
    expect(svg).toContain('a&lt;b');
  });
});

describe('formatDuration', () => {
  it.each([
    { ms: null, text: '-' },
    { ms: 45 * 60_000, text: '45 min' },
    { ms: 3_600_000, text: '1 h' },
    { ms: 5_400_000, text: '1 h 30 min' },
  ])('$text', ({ ms, text }) => expect(formatDuration(ms)).toBe(text));
});
