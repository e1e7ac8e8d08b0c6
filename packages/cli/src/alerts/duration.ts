/** Pure: `90s`, `30m`, `2h`, `1d` (or a combination, `1h30m`) to milliseconds; null when not a duration. */
const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number | null {
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return null;
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT[unit ?? ''] ?? 0), 0);
  return ms > 0 ? ms : null;
}
