/** Pure: error lines (pino level >= 50) out of JSON log text, newest last. */
import type { LogLine } from './report.js';

export const ERROR_LEVEL = 50;

export function errorLines(file: string, text: string, sinceMs: number): LogLine[] {
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue; // a partial first line of a tail, or non-JSON output of a child
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      continue;
    }
    const level = typeof entry.level === 'number' ? entry.level : levelNumber(entry.level);
    if (level < ERROR_LEVEL) continue;
    const time = typeof entry.time === 'number' ? entry.time : Date.parse(String(entry.time));
    if (!Number.isFinite(time) || time < sinceMs) continue;
    const err = entry.err as { message?: unknown } | undefined;
    const msg = String(entry.msg ?? err?.message ?? '');
    lines.push({
      file,
      time: new Date(time).toISOString(),
      level,
      ...(typeof entry.service === 'string' ? { service: entry.service } : {}),
      msg: err?.message && entry.msg ? `${msg}: ${String(err.message)}` : msg,
    });
  }
  return lines;
}

// Our services log level labels ("error"); pino's default is the number. Both count.
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
function levelNumber(label: unknown): number {
  return typeof label === 'string' ? (LEVELS[label] ?? 0) : 0;
}

export function newest(lines: LogLine[], limit: number): LogLine[] {
  return [...lines].sort((a, b) => a.time.localeCompare(b.time)).slice(-limit);
}
