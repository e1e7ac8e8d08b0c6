import { randomUUID } from 'node:crypto';

/** The shape Sentry uses too: 32 lower-case hex digits, a UUID without dashes. */
export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}
