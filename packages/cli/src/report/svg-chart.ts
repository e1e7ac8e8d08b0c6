/** Pure: a bar chart as a standalone SVG, so the HTML report needs no scripts or network to show it. */

export interface Bar {
  label: string;
  value: number;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function barChartSvg(title: string, bars: Bar[], width = 640, height = 240): string {
  const top = 30;
  const bottom = 40;
  const left = 40;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - left - 10) / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  // Label every bar when they fit, else every n-th.
  const every = Math.max(1, Math.ceil(bars.length / 12));
  const parts = bars.map((bar, i) => {
    const h = (bar.value / max) * plotHeight;
    const x = left + i * slot + (slot - barWidth) / 2;
    const y = top + plotHeight - h;
    const label =
      i % every === 0
        ? `<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - bottom + 14}" font-size="10" text-anchor="middle">${escapeXml(bar.label)}</text>`
        : '';
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="#d9534f"><title>${escapeXml(bar.label)}: ${bar.value}</title></rect>${label}`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="${left}" y="18" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="#999"/>`,
    `<text x="${left - 6}" y="${top + 10}" font-size="10" text-anchor="end">${max}</text>`,
    `<text x="${left - 6}" y="${top + plotHeight}" font-size="10" text-anchor="end">0</text>`,
    ...parts,
    '</svg>',
  ].join('');
}

/** As an `<img>` source: the chart is an image in the mail or page, not markup to style. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
