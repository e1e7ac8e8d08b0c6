/** Pure: the report as one self-contained HTML page; charts are inline SVG images. */
import { bucketLabel, renderMarkdown, reportTitle } from './render-markdown.js';
import type { ReportModel } from './report-model.js';
import { barChartSvg, svgDataUri } from './svg-chart.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function reportCharts(model: ReportModel): { title: string; svg: string }[] {
  const trendTitle = model.period === 'daily' ? 'Errors per hour (24 h)' : 'Errors per day (7 days)';
  return [
    {
      title: trendTitle,
      svg: barChartSvg(
        trendTitle,
        model.trend.map((b) => ({ label: bucketLabel(model, b.start), value: b.count })),
      ),
    },
    {
      title: 'Errors by severity',
      svg: barChartSvg(
        'Errors by severity',
        model.summary.bySeverity.map((e) => ({ label: e.key, value: e.count })),
      ),
    },
  ];
}

/** Markdown's structure rendered by a minimal converter: headings, lists, tables, bold. */
export function renderHtml(model: ReportModel): string {
  const charts = reportCharts(model)
    .map(
      (c) => `<p><img alt="${escapeHtml(c.title)}" src="${svgDataUri(c.svg)}" width="640" height="240"></p>`,
    )
    .join('\n');
  const body = markdownToHtml(renderMarkdown(model)).replace(
    '<h2>Summary</h2>',
    `${charts}\n<h2>Summary</h2>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(reportTitle(model))}</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f4f4f4}</style>
</head><body>
${body}
</body></html>
`;
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\s)_(.+?)_(\s|$)/g, '$1<em>$2</em>$3');
}

export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
    } else if (line.startsWith('- ')) {
      const items: string[] = [];
      while ((lines[i] ?? '').startsWith('- ')) items.push(`<li>${inline((lines[i++] ?? '').slice(2))}</li>`);
      i--;
      out.push(`<ul>${items.join('')}</ul>`);
    } else if (line.startsWith('| ')) {
      const rows: string[][] = [];
      while ((lines[i] ?? '').startsWith('| ')) rows.push(splitRow(lines[i++] ?? ''));
      i--;
      const [head, , ...body] = rows;
      out.push(
        `<table><thead><tr>${(head ?? []).map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead><tbody>${body
          .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    } else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  return out.join('\n');
}

function splitRow(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.replace(/\\\|/g, '|'));
}
