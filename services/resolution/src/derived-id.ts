import { createHash } from 'node:crypto';

/** An id derived from what happened, so work redone after a crash or redelivery writes the same id. */
export function derivedId(prefix: string, ...parts: (string | number)[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}
