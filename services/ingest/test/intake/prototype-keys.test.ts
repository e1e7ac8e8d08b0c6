import { describe, expect, it } from 'vitest';
import { isIngestError } from '../../src/errors.js';
import { type FinishContext, finishEvent } from '../../src/intake/finish-event.js';
import { sentryEventFromBytes } from '../../src/sentry/sentry-event.js';

/** Found by the ingest fuzz run (test/fuzz): JSON.parse keeps `"__proto__"` as an ordinary own key. */
const context: FinishContext = {
  projectId: '42',
  receivedAtMs: Date.parse('2026-11-29T12:00:00.000Z'),
  maxDepth: 8,
  clockSkew: { recordAboveMs: 60_000, clampAboveMs: 86_400_000 },
  scrub: { emails: false, ips: false, sensitiveFields: [], safeFields: [] },
};
const required = '{"timestamp":"2026-11-29T11:59:59.000Z","level":"error","message":"m","source":"other"}';

describe('prototype keys in submitted events', () => {
  it('refuses an event whose required fields sit only under "__proto__", naming the key', () => {
    let refused: unknown;
    try {
      const event = finishEvent(JSON.parse(`{"__proto__":${required}}`), context);
      refused = new Error(`accepted an event without its own fields: ${JSON.stringify(event)}`);
    } catch (error) {
      refused = error;
    }
    expect(isIngestError(refused, 'FL_INGEST_INVALID_EVENT')).toBe(true);
    expect((refused as Error).message).toContain('__proto__');
  });

  it('keeps "__proto__" and "constructor" under extra as plain data, and what it accepts serializes whole', () => {
    const body = `${required.slice(0, -1)},"extra":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}}`;
    const event = finishEvent(JSON.parse(body), context);
    const written = JSON.parse(JSON.stringify(event));
    expect(written).toMatchObject({ level: 'error', message: 'm', source: 'other' });
    expect(Object.keys(written.extra)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a Sentry event with "__proto__" in extra keeps every required field', () => {
    const event = sentryEventFromBytes(
      Buffer.from('{"message":"m","extra":{"__proto__":{"level":"nope"}},"__proto__":{"level":"x"}}'),
      context,
    );
    expect(JSON.parse(JSON.stringify(event))).toMatchObject({
      level: 'error',
      message: 'm',
      source: 'other',
    });
  });
});
