/** Pure: a plain-text table whose lines fit `width`, shrinking the widest columns first. */

const GAP = 2;
const MIN_COLUMN = 4;

/**
 * `keep` names columns that are never cut while others can give way (ids users copy into the
 * next command); they are cut only when nothing else is left to shrink.
 */
export function renderTable(
  headers: string[],
  rows: string[][],
  width = Number.POSITIVE_INFINITY,
  keep: readonly string[] = [],
): string {
  const cells = [headers, ...rows].map((row) => headers.map((_, i) => oneLine(row[i] ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const budget = width - GAP * (headers.length - 1);
  // Take one character at a time from the widest column: long messages give way before ids and counts.
  const kept = headers.map((h) => keep.includes(h));
  for (const pass of [false, true]) {
    while (sum(widths) > budget) {
      const candidates = widths.map((w, i) => (pass || !kept[i] ? w : 0));
      const widest = candidates.indexOf(Math.max(...candidates));
      if ((candidates[widest] ?? 0) <= MIN_COLUMN) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
    }
  }
  return cells
    .map((row) =>
      row
        .map((cell, i) => fit(cell, widths[i] ?? 0))
        .join(' '.repeat(GAP))
        .trimEnd(),
    )
    .join('\n');
}

/** The width to fit: the terminal's, else $COLUMNS, else none (a pipe gets whole lines). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}
