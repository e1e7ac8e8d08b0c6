import { describe, expect, it } from 'vitest';
import { type IngestError, isIngestError } from '../../src/errors.js';
import { type FinishContext, finishEvent } from '../../src/intake/finish-event.js';

const receivedAtMs = Date.parse('2026-11-29T12:00:00.000Z');
const context: FinishContext = {
  projectId: '42',
  receivedAtMs,
  maxDepth: 8,
  clockSkew: { recordAboveMs: 60_000, clampAboveMs: 86_400_000 },
  scrub: { emails: false, ips: false, sensitiveFields: [], safeFields: [] },
};
const minimal = { timestamp: '2026-11-29T11:59:59.000Z', level: 'error', message: 'boom', source: 'express' };

function failure(value: unknown, ctx: FinishContext = context): IngestError {
  try {
    finishEvent(value, ctx);
  } catch (error) {
    if (isIngestError(error)) return error;
    throw error;
  }
  throw new Error('expected finishEvent to throw');
}

describe('finishEvent', () => {
  it('fills what ingest owns: schemaVersion, eventId, projectId, receivedAt', () => {
    const event = finishEvent(minimal, context);
    expect(event).toEqual({
      ...minimal,
      schemaVersion: 1,
      eventId: expect.stringMatching(/^[0-9a-f]{32}$/),
      projectId: '42',
      receivedAt: '2026-11-29T12:00:00.000Z',
    });
  });

  it('keeps a client eventId and records a large clock skew', () => {
    const event = finishEvent(
      { ...minimal, eventId: 'client-1', timestamp: '2026-11-29T10:00:00.000Z' },
      context,
    );
    expect(event).toMatchObject({
      eventId: 'client-1',
      timestamp: '2026-11-29T10:00:00.000Z',
      clockSkewMs: -7_200_000,
    });
  });

  it('scrubs before checking', () => {
    expect(finishEvent({ ...minimal, extra: { password: 'x' } }, context).extra).toEqual({
      password: '[Filtered]',
    });
  });

  it.each([
    { name: 'not an object', value: [1], code: 'FL_INGEST_INVALID_EVENT', field: '/' },
    {
      name: 'a wrong type',
      value: { ...minimal, level: 'loud' },
      code: 'FL_INGEST_INVALID_EVENT',
      field: '/level',
    },
    {
      name: 'a missing field',
      value: { ...minimal, message: undefined },
      code: 'FL_INGEST_INVALID_EVENT',
      field: '/message',
    },
    {
      name: 'an unknown field',
      value: { ...minimal, mesage: 'typo' },
      code: 'FL_INGEST_INVALID_EVENT',
      field: '/',
    },
    {
      name: 'a bad timestamp',
      value: { ...minimal, timestamp: 'yesterday' },
      code: 'FL_INGEST_INVALID_EVENT',
      field: '/timestamp',
    },
    {
      name: 'a too long message',
      value: { ...minimal, message: 'x'.repeat(20_000) },
      code: 'FL_INGEST_INVALID_EVENT',
      field: '/message',
    },
    {
      name: 'deep nesting',
      value: { ...minimal, extra: { a: { b: { c: { d: { e: { f: { g: {} } } } } } } } },
      code: 'FL_INGEST_TOO_DEEP',
      field: '/extra/a/b/c/d/e/f/g',
    },
    {
      name: 'another project',
      value: { ...minimal, projectId: '43' },
      code: 'FL_INGEST_AUTH_MISMATCH',
      field: '/projectId',
    },
  ])('refuses $name, naming the field', ({ value, code, field }) => {
    const error = failure(value);
    expect(error.code).toBe(code);
    expect(error.details.field).toBe(field);
  });

  it('reports the batch index', () => {
    expect(failure({ ...minimal, level: 1 }, { ...context, index: 3 }).details).toMatchObject({
      index: 3,
      field: '/level',
    });
  });
});
