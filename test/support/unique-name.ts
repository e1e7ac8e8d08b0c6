import { randomBytes } from 'node:crypto';

/**
 * A name no other test run uses, so runs never share topics, groups, keys or databases.
 * Kept apart from endpoints.ts (which imports vitest) so benches, run outside vitest, can use it.
 */
export function uniqueName(prefix: string, separator = '-'): string {
  return `${prefix}${separator}${randomBytes(4).toString('hex')}`;
}
