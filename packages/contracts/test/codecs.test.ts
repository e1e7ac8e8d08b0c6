import { describe, expect, it } from 'vitest';
import {
  alertCommandCodec,
  categorizedEventCodec,
  deadLetterCodec,
  type ErrorEvent,
  errorEventCodec,
  MAX_MESSAGE_DEPTH,
} from '../src/index.js';

const valid: ErrorEvent = {
  schemaVersion: 1,
  eventId: 'evt_1',
  projectId: 'checkout',
  timestamp: '2026-11-29T05:00:00.000Z',
  level: 'error',
  message: 'Database connection failed',
  source: 'express',
  component: 'database',
  exception: [
    {
      type: 'ConnectionError',
      value: 'connect ECONNREFUSED 10.0.0.1:5432',
      frames: [{ filename: 'src/db.ts', function: 'connect', lineno: 10, colno: 3, inApp: true }],
    },
  ],
  request: { url: 'https://shop.example/pay', method: 'POST', userAgent: 'curl/8' },
  responseTimeMs: 120,
  memoryBytes: 1_000_000,
  tags: { region: 'eu' },
  extra: { nested: { deep: [1, 2, 3] } },
  fingerprint: ['db-down'],
};

describe('errorEventCodec.decode', () => {
  it('round-trips a full event', () => {
    const result = errorEventCodec.decode(errorEventCodec.encode(valid));
    expect(result).toEqual({ ok: true, value: valid });
  });

  it.each([
    { id: 'null message', input: null, reason: 'empty message' },
    { id: 'empty bytes', input: Buffer.alloc(0), reason: 'empty message' },
    { id: 'invalid UTF-8', input: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), reason: 'not valid UTF-8' },
    { id: 'malformed JSON', input: '{"schemaVersion":1,', reason: 'invalid JSON' },
    { id: 'a JSON array', input: '[]', reason: 'ErrorEvent:' },
    {
      id: 'future schema version',
      input: JSON.stringify({ ...valid, schemaVersion: 2 }),
      reason: 'unsupported schemaVersion 2',
    },
    { id: 'missing message', input: JSON.stringify({ ...valid, message: undefined }), reason: 'message' },
    {
      id: 'wrong type',
      input: JSON.stringify({ ...valid, responseTimeMs: 'slow' }),
      reason: '/responseTimeMs',
    },
    { id: 'negative metric', input: JSON.stringify({ ...valid, memoryBytes: -1 }), reason: '/memoryBytes' },
    { id: 'unknown source', input: JSON.stringify({ ...valid, source: 'cron' }), reason: '/source' },
    {
      id: 'bad timestamp',
      input: JSON.stringify({ ...valid, timestamp: 'yesterday' }),
      reason: '/timestamp',
    },
    { id: 'unknown field', input: JSON.stringify({ ...valid, mesage: 'typo' }), reason: 'mesage' },
    {
      id: 'project id with spaces',
      input: JSON.stringify({ ...valid, projectId: 'a b' }),
      reason: '/projectId',
    },
  ])('rejects $id with a reason', ({ input, reason }) => {
    const result = errorEventCodec.decode(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('rejects a message over its size limit', () => {
    const result = errorEventCodec.check({ ...valid, message: 'x'.repeat(16385) });
    expect(result.ok).toBe(false);
  });

  it('refuses nesting deeper than MAX_MESSAGE_DEPTH with where, without crashing', () => {
    const nested = (levels: number) => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < levels; i++) deep = [deep];
      return deep;
    };
    // The event is level 1, extra 2, `deep` 3: its arrays fill the rest.
    expect(errorEventCodec.check({ ...valid, extra: { deep: nested(MAX_MESSAGE_DEPTH - 2) } }).ok).toBe(true);
    const result = errorEventCodec.decode(
      JSON.stringify({ ...valid, extra: { deep: nested(MAX_MESSAGE_DEPTH - 1) } }),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^ErrorEvent: nested deeper than 128 at \/extra\/deep\/0\/0/),
    });
    const hostile = `{"extra":{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    expect(errorEventCodec.decode(hostile).ok).toBe(false);
  });
});

describe('other contracts', () => {
  it('validates a categorized event wrapping an error event', () => {
    const result = categorizedEventCodec.check({
      schemaVersion: 1,
      event: valid,
      groupId: 'a1b2c3d4e5f60718',
      fingerprint: { method: 'client', parts: ['db-down'] },
      severity: 'critical',
      category: 'system',
      priority: 'P0',
      escalation: 'immediate',
      team: 'infrastructure-team',
      ruleId: 'critical-system',
      categorizedAt: '2026-11-29T05:00:01.000Z',
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('names the allowed values of a closed set', () => {
    const result = alertCommandCodec.check({
      schemaVersion: 1,
      commandId: 'c1',
      alertId: 'a1',
      action: 'snooze',
      actor: 'ana',
      issuedAt: '2026-11-29T05:00:00Z',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('acknowledge, resolve');
  });

  it('keeps a dead letter with a null payload for tombstones', () => {
    const result = deadLetterCodec.check({
      schemaVersion: 1,
      source: { topic: 'faultline.errors.raw', partition: 0, offset: '42', key: null, timestamp: '0' },
      consumer: 'categorizer',
      reason: 'ErrorEvent: empty message',
      payload: null,
      failedAt: '2026-11-29T05:00:00Z',
    });
    expect(result.ok).toBe(true);
  });
});

describe('lone surrogates', () => {
  it('decode replaces them with U+FFFD in strings and keys, so stores downstream take the value', () => {
    const text = `{"schemaVersion":1,"eventId":"e1","projectId":"p","timestamp":"2026-01-01T00:00:00.000Z","level":"error","source":"other","message":"cut \\ud83d","tags":{"k\\udfff":"v\\ud800x"}}`;
    const result = errorEventCodec.decode(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.message).toBe('cut \ufffd');
    expect(result.value.tags).toEqual({ 'k\ufffd': 'v\ufffdx' });
    expect(JSON.stringify(result.value).includes('\\ud8')).toBe(false);
  });

  it('leaves well-formed text, emoji included, as it was', () => {
    const result = errorEventCodec.decode(JSON.stringify({ ...valid, message: 'ok \u{1f4a5} é' }));
    expect(result.ok && result.value.message).toBe('ok \u{1f4a5} é');
  });
});
