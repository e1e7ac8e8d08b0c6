import type { ErrorEvent } from '@faultline/contracts';

/**
 * The exception chain as a stack trace, the text the runbook's `error.stack` patterns were
 * written against: `Type: value` then `    at function (file:line:col)`, innermost frame first.
 */
export function stackText(event: ErrorEvent): string {
  const lines: string[] = [];
  for (const exception of event.exception ?? []) {
    lines.push(`${exception.type}: ${exception.value}`);
    const frames = exception.frames ?? [];
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i];
      if (frame === undefined) continue;
      const where = [frame.filename ?? frame.module ?? '?', frame.lineno, frame.colno].filter(
        (p) => p !== undefined,
      );
      lines.push(`    at ${frame.function ?? '<anonymous>'} (${where.join(':')})`);
    }
  }
  return lines.join('\n');
}
