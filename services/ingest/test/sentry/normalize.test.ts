import { errorEventCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeSentryEvent } from '../../src/sentry/normalize.js';

const context = { projectId: '9', receivedAtMs: Date.parse('2026-11-29T12:00:00.000Z') };

/** Shaped like what @sentry/node sends for `captureException(new TypeError(...))`. */
const nodeEvent = {
  event_id: '0123456789abcdef0123456789abcdef',
  timestamp: 1795953600.5,
  platform: 'node',
  level: 'error',
  server_name: 'web-1',
  release: 'shop@1.2.3',
  environment: 'production',
  exception: {
    values: [
      { type: 'Error', value: 'socket hang up', mechanism: { type: 'chained', handled: true } },
      {
        type: 'TypeError',
        value: 'x is undefined',
        mechanism: { type: 'generic', handled: true },
        stacktrace: {
          frames: [
            {
              filename: 'node:internal/process',
              function: 'processTicks',
              lineno: 95,
              colno: 5,
              in_app: false,
            },
            {
              filename: '/app/src/checkout.js',
              abs_path: '/app/src/checkout.js',
              module: 'checkout',
              function: 'charge',
              lineno: 88,
              colno: 11,
              in_app: true,
              context_line: '  return x.amount;',
              pre_context: ['a'],
            },
          ],
        },
      },
    ],
  },
  tags: { component: 'payment', source: 'express', transaction: 'POST /pay' },
  user: { id: 'u-1', email: 'ann@example.com', ip_address: '10.0.0.1' },
  request: {
    url: 'https://shop.example/pay',
    method: 'POST',
    headers: { 'User-Agent': 'curl/8', Authorization: 'Bearer s', Cookie: 'sid=1' },
  },
  contexts: {
    os: { name: 'Linux', version: '6.1', kernel_version: 'x' },
    runtime: { name: 'node', version: 'v20.11.0' },
    trace: { trace_id: 't1', span_id: 's1' },
  },
  extra: { orderId: 7 },
  sdk: { name: 'sentry.javascript.node', version: '9.0.0', integrations: ['Http'] },
  fingerprint: ['{{ default }}'],
};

describe('normalizeSentryEvent', () => {
  it('maps an SDK event field by field into a valid ErrorEvent', () => {
    const event = normalizeSentryEvent(nodeEvent, context);
    expect(event).toEqual({
      schemaVersion: 1,
      eventId: '0123456789abcdef0123456789abcdef',
      projectId: '9',
      timestamp: '2026-11-29T12:00:00.500Z',
      level: 'error',
      message: 'TypeError: x is undefined',
      exception: [
        { type: 'Error', value: 'socket hang up', mechanism: { type: 'chained', handled: true } },
        {
          type: 'TypeError',
          value: 'x is undefined',
          mechanism: { type: 'generic', handled: true },
          frames: [
            {
              filename: 'node:internal/process',
              function: 'processTicks',
              lineno: 95,
              colno: 5,
              inApp: false,
            },
            {
              filename: '/app/src/checkout.js',
              absPath: '/app/src/checkout.js',
              module: 'checkout',
              function: 'charge',
              lineno: 88,
              colno: 11,
              inApp: true,
              contextLine: '  return x.amount;',
            },
          ],
        },
      ],
      component: 'payment',
      source: 'express',
      environment: 'production',
      release: 'shop@1.2.3',
      userId: 'u-1',
      request: { url: 'https://shop.example/pay', method: 'POST', userAgent: 'curl/8' },
      tags: { component: 'payment', source: 'express', transaction: 'POST /pay' },
      extra: {
        orderId: 7,
        contexts: {
          os: { name: 'Linux', version: '6.1' },
          runtime: { name: 'node', version: 'v20.11.0' },
          trace: { trace_id: 't1', span_id: 's1' },
        },
        platform: 'node',
        serverName: 'web-1',
      },
      sdk: { name: 'sentry.javascript.node', version: '9.0.0' },
    });
    expect(errorEventCodec.check(event).ok).toBe(true);
  });

  it.each([
    { name: 'level warning', payload: { level: 'warning' }, expected: { level: 'warning' } },
    { name: 'level log -> info', payload: { level: 'log' }, expected: { level: 'info' } },
    { name: 'level critical -> fatal', payload: { level: 'critical' }, expected: { level: 'fatal' } },
    { name: 'no level -> error', payload: {}, expected: { level: 'error' } },
    { name: 'message string', payload: { message: 'hi' }, expected: { message: 'hi' } },
    {
      name: 'message object',
      payload: { message: { formatted: 'hi 1', message: 'hi %s' } },
      expected: { message: 'hi 1' },
    },
    {
      name: 'logentry',
      payload: { logentry: { message: 'hi %s', params: ['x'] } },
      expected: { message: 'hi %s' },
    },
    {
      name: 'tags as pairs',
      payload: {
        tags: [
          ['a', '1'],
          ['b', 2],
        ],
      },
      expected: { tags: { a: '1', b: '2' } },
    },
    {
      name: 'an unknown source tag -> other',
      payload: { tags: { source: 'cron' } },
      expected: { source: 'other' },
    },
    {
      name: 'ISO timestamp',
      payload: { timestamp: '2026-11-29T10:00:00Z' },
      expected: { timestamp: '2026-11-29T10:00:00.000Z' },
    },
    { name: 'no timestamp -> receipt', payload: {}, expected: { timestamp: '2026-11-29T12:00:00.000Z' } },
    {
      name: 'headers as pairs',
      payload: { request: { headers: [['user-agent', 'ua']] } },
      expected: { request: { userAgent: 'ua' } },
    },
    {
      name: 'old SDK exception array',
      payload: { exception: [{ type: 'E', value: 'v' }] },
      expected: { exception: [{ type: 'E', value: 'v' }], message: 'E: v' },
    },
    {
      name: 'a custom fingerprint',
      payload: { fingerprint: ['db', '{{ default }}'] },
      expected: { fingerprint: ['db'] },
    },
  ])('$name', ({ payload, expected }) => {
    const event = normalizeSentryEvent(payload, context);
    expect(event).toMatchObject(expected);
    expect(errorEventCodec.check(event).ok).toBe(true);
  });

  it('takes the envelope event_id, else makes one', () => {
    expect(normalizeSentryEvent({}, { ...context, fallbackEventId: 'f'.repeat(32) }).eventId).toBe(
      'f'.repeat(32),
    );
    expect(normalizeSentryEvent({}, context).eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('cuts oversized input to fit the contract instead of refusing it', () => {
    const frames = Array.from({ length: 400 }, (_, i) => ({ function: `f${i}`, lineno: i }));
    const event = normalizeSentryEvent(
      {
        message: 'm'.repeat(20_000),
        exception: {
          values: Array.from({ length: 20 }, (_, i) => ({
            type: `E${i}`,
            value: 'v'.repeat(9000),
            stacktrace: { frames },
          })),
        },
        tags: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, 'x'.repeat(300)])),
        extra: { deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } },
      },
      context,
    );
    expect(errorEventCodec.check(event)).toEqual({ ok: true, value: event });
    expect(event.exception).toHaveLength(16);
    expect(event.exception?.[0]?.type).toBe('E4');
    expect(event.exception?.[0]?.frames).toHaveLength(250);
    expect(event.exception?.[0]?.frames?.at(-1)?.function).toBe('f399');
    expect(Object.keys(event.tags ?? {})).toHaveLength(64);
    expect(JSON.stringify(event.extra)).toContain('[too deep]');
  });
});
