import { describe, expect, it } from 'vitest';
import { isIngestError } from '../../src/errors.js';
import { presentedKey } from '../../src/sentry/auth.js';
import { normalizeSentryEvent } from '../../src/sentry/normalize.js';

/** Cases the ingest fuzz run (test/fuzz) answered with a 500 before they were handled. */
describe('hostile Sentry input', () => {
  it('an envelope dsn whose key is not percent-encoding is a coded refusal', () => {
    let thrown: unknown;
    try {
      presentedKey({ dsn: 'http://%zz@127.0.0.1:8080/1' });
    } catch (error) {
      thrown = error;
    }
    expect(isIngestError(thrown, 'FL_INGEST_AUTH_MISMATCH')).toBe(true);
  });

  it.each([
    ['an object whose toString is not a function', { toString: 'x', valueOf: 1 }],
    ['"constructor"', 'constructor'],
    ['"__proto__"', '__proto__'],
    ['a number', 42],
  ])('a level that is %s becomes error', (_name, level) => {
    const event = normalizeSentryEvent({ message: 'm', level }, { projectId: '1', receivedAtMs: 0 });
    expect(event.level).toBe('error');
  });

  it('still maps the levels Sentry SDKs send', () => {
    const level = (value: string) =>
      normalizeSentryEvent({ level: value }, { projectId: '1', receivedAtMs: 0 }).level;
    expect([level('WARNING'), level('critical'), level('log')]).toEqual(['warning', 'fatal', 'info']);
  });
});
