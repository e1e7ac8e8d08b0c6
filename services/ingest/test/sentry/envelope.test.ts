import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../src/sentry/envelope.js';

const event = JSON.stringify({ event_id: 'a'.repeat(32), message: 'héllo' });

describe('parseEnvelope', () => {
  it('reads items with and without length, byte-exact for multi-byte text', () => {
    const body = Buffer.from(
      [
        JSON.stringify({ event_id: 'a'.repeat(32), dsn: 'http://k@h/1' }),
        JSON.stringify({ type: 'event', length: Buffer.byteLength(event) }),
        event,
        JSON.stringify({ type: 'session' }),
        '{"sid":"s1"}',
        JSON.stringify({ type: 'attachment', length: 3 }),
        'a\nb',
        '',
      ].join('\n'),
    );
    const envelope = parseEnvelope(body);
    expect(envelope.headers.dsn).toBe('http://k@h/1');
    expect(envelope.items.map((i) => [i.type, i.payload.toString()])).toEqual([
      ['event', event],
      ['session', '{"sid":"s1"}'],
      ['attachment', 'a\nb'],
    ]);
  });

  it('accepts a last item without a trailing newline and a length-prefixed item without one', () => {
    const body = Buffer.from(`{}\n{"type":"event","length":2}\n{}{"type":"client_report"}\n{"x":1}`);
    expect(parseEnvelope(body).items.map((i) => [i.type, i.payload.toString()])).toEqual([
      ['event', '{}'],
      ['client_report', '{"x":1}'],
    ]);
  });

  it.each([
    { name: 'an empty body', body: '', message: /envelope header is missing/ },
    { name: 'a header that is not JSON', body: 'hello\n', message: /envelope header: invalid JSON/ },
    { name: 'a header that is an array', body: '[]\n', message: /must be a JSON object/ },
    {
      name: 'a length past the end',
      body: '{}\n{"type":"event","length":99}\n{}',
      message: /length 99 does not fit/,
    },
    { name: 'a broken item header', body: '{}\n{type:event}\n{}', message: /item 1 header: invalid JSON/ },
  ])('refuses $name', ({ body, message }) => {
    expect(() => parseEnvelope(Buffer.from(body))).toThrow(
      expect.objectContaining({
        code: 'FL_INGEST_INVALID_ENVELOPE',
        message: expect.stringMatching(message),
      }),
    );
  });
});
