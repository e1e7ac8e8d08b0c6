import type { ErrorEvent } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import {
  FILTERED,
  isSecretKey,
  PLACEHOLDERS,
  passesLuhn,
  scrubEvent,
  scrubText,
  scrubValue,
} from '../src/index.js';

const off = { emails: false, ips: false, sensitiveFields: [], safeFields: [] };
const all = { emails: true, ips: true, sensitiveFields: [], safeFields: [] };

describe('passesLuhn', () => {
  it.each([
    ['4111111111111111', true],
    ['5500005555555559', true],
    ['4111111111111112', false],
    ['1234567890123', false],
  ])('%s -> %s', (digits, expected) => expect(passesLuhn(digits)).toBe(expected));
});

describe('isSecretKey', () => {
  it.each([
    ['password', true],
    ['db_password', true],
    ['X-Api-Key', true],
    ['authToken', true],
    ['Authorization', true],
    ['Cookie', true],
    ['client_secret', true],
    ['username', false],
    ['region', false],
  ])('%s -> %s', (key, expected) => expect(isSecretKey(key)).toBe(expected));

  it('takes extra fragments from config', () => {
    expect(isSecretKey('ssn', ['ssn'])).toBe(true);
  });
});

describe('scrubText', () => {
  it.each([
    {
      name: 'a card number with spaces',
      text: 'card 4111 1111 1111 1111 declined',
      options: off,
      expected: `card ${PLACEHOLDERS.card} declined`,
    },
    {
      name: 'a card number with dashes',
      text: '5500-0055-5555-5559',
      options: off,
      expected: PLACEHOLDERS.card,
    },
    {
      name: 'a digit run failing Luhn is kept',
      text: 'order 4111111111111112',
      options: off,
      expected: 'order 4111111111111112',
    },
    {
      name: 'a secret query parameter',
      text: 'https://x.example/cb?token=abc&page=2',
      options: off,
      expected: `https://x.example/cb?token=${FILTERED}&page=2`,
    },
    {
      name: 'emails kept unless configured',
      text: 'from ann@example.com',
      options: off,
      expected: 'from ann@example.com',
    },
    {
      name: 'emails when configured',
      text: 'from ann@example.com',
      options: all,
      expected: `from ${PLACEHOLDERS.email}`,
    },
    {
      name: 'IPv4 when configured',
      text: 'connect ECONNREFUSED 10.0.0.1:5432',
      options: all,
      expected: `connect ECONNREFUSED ${PLACEHOLDERS.ip}:5432`,
    },
    {
      name: 'IPv6 when configured',
      text: 'peer fe80::1 and 2001:db8:0:0:0:0:2:1 gone',
      options: all,
      expected: `peer ${PLACEHOLDERS.ip} and ${PLACEHOLDERS.ip} gone`,
    },
    { name: 'a time is not an IPv6 address', text: 'at 12:30:45', options: all, expected: 'at 12:30:45' },
    {
      name: 'a Ruby constant is not an IPv6 address',
      text: 'in Foo::Bar',
      options: all,
      expected: 'in Foo::Bar',
    },
  ])('$name', ({ text, options, expected }) => {
    expect(scrubText(text, options)).toBe(expected);
  });
});

describe('scrubValue', () => {
  it('replaces values under secret keys at any depth, keeps the rest', () => {
    const input = {
      user: { name: 'ann', password: 'hunter2' },
      headers: [{ Authorization: 'Bearer x' }],
      count: 3,
      apiKey: null,
    };
    expect(scrubValue(input, off)).toEqual({
      user: { name: 'ann', password: FILTERED },
      headers: [{ Authorization: FILTERED }],
      count: 3,
      apiKey: null,
    });
  });
});

describe('scrubEvent', () => {
  it('scrubs text fields and tags but never identifiers', () => {
    const event = {
      schemaVersion: 1,
      eventId: 'e1',
      projectId: '7',
      timestamp: '2026-11-29T12:00:00.000Z',
      level: 'error',
      source: 'other',
      message: 'charge 4111111111111111 failed for bob@example.com',
      tags: { session_token: 'abc', region: 'eu' },
      extra: { body: { password: 'x' } },
    } as ErrorEvent;
    expect(scrubEvent(event, { ...off, emails: true })).toEqual({
      ...event,
      message: `charge ${PLACEHOLDERS.card} failed for ${PLACEHOLDERS.email}`,
      tags: { session_token: FILTERED, region: 'eu' },
      extra: { body: { password: FILTERED } },
    });
  });
});

describe('scrubText: tokens and keys, always', () => {
  const jwt =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  it.each([
    { name: 'a JWT anywhere', text: `session ${jwt} rejected`, expected: 'session [jwt] rejected' },
    { name: 'a bearer JWT', text: `Authorization: Bearer ${jwt}`, expected: 'Authorization: Bearer [jwt]' },
    {
      name: 'an opaque bearer token',
      text: 'sent Bearer abc123def456ghi789 upstream',
      expected: 'sent Bearer [token] upstream',
    },
    { name: 'basic credentials', text: 'Basic dXNlcjpwYXNzd29yZA==', expected: 'Basic [token]' },
    {
      name: 'a bearer that is a word',
      text: 'Bearer authentication failed',
      expected: 'Bearer authentication failed',
    },
    { name: 'a Stripe key', text: 'key sk_live_4eC39HqLyjWDarjtT1zdp7dc', expected: 'key [api-key]' },
    {
      name: 'a GitHub token',
      text: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a failed',
      expected: '[api-key] failed',
    },
    { name: 'an AWS key id', text: 'AKIAIOSFODNN7EXAMPLE denied', expected: '[api-key] denied' },
    { name: 'a Slack token', text: 'xoxb-123456789012-abcdefABCDEF', expected: '[api-key]' },
    {
      name: 'a Faultline token',
      text: 'token flt_k1_abcdefghijklmnopqrstuv',
      expected: 'token [api-key]',
    },
    {
      name: 'a JWT in a query string',
      text: `/cb?id_token=${jwt}&x=1`,
      expected: `/cb?id_token=${FILTERED}&x=1`,
    },
    {
      name: 'a password in a query string',
      text: '/login?user=ann&password=hunter2',
      expected: `/login?user=ann&password=${FILTERED}`,
    },
    { name: 'a word that merely starts like a JWT', text: 'eyJust text', expected: 'eyJust text' },
  ])('$name', ({ text, expected }) => {
    expect(scrubText(text, off)).toBe(expected);
  });

  it('is idempotent: scrubbing scrubbed text changes nothing', () => {
    const once = scrubText(
      `mail bob@example.com from 10.1.2.3 with Bearer ${jwt} card 4111111111111111`,
      all,
    );
    expect(once).toBe('mail [email] from [ip] with Bearer [jwt] card [card]');
    expect(scrubText(once, all)).toBe(once);
  });
});

describe('scrubValue: configured fields', () => {
  it('adds sensitive fields and keeps safe ones whole', () => {
    const input = { ssn: '123-45-6789', orderEmail: 'ann@example.com', note: 'ann@example.com' };
    expect(scrubValue(input, { ...all, sensitiveFields: ['ssn'], safeFields: ['order_email'] })).toEqual({
      ssn: FILTERED,
      orderEmail: 'ann@example.com',
      note: PLACEHOLDERS.email,
    });
  });

  it('walks deep nesting without recursion and replaces what lies past the bound', () => {
    let deep: unknown = 'ann@example.com';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let out = scrubValue(deep, all, 128) as unknown;
    let depth = 0;
    while (Array.isArray(out)) {
      out = out[0];
      depth++;
    }
    expect(depth).toBe(128);
    expect(out).toBe(FILTERED);
  });

  it('scrubs every nested string, in arrays and objects', () => {
    expect(scrubValue({ a: [{ b: { c: ['x 10.0.0.1'] } }] }, all)).toEqual({ a: [{ b: { c: ['x [ip]'] } }] });
  });
});

describe('scrubEvent: every field an event carries', () => {
  it('message, exception values, tags, extra, request url and user', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl';
    const event = {
      schemaVersion: 1,
      eventId: 'e1',
      projectId: '7',
      timestamp: '2026-11-29T12:00:00.000Z',
      level: 'error',
      source: 'other',
      message: 'auth failed: Bearer s3cr3tT0ken.value for ann@example.com',
      exception: [
        { type: 'Error', value: 'from 192.168.1.20', frames: [{ filename: 'app.js', function: 'run' }] },
      ],
      userId: 'u-1',
      request: { url: 'https://shop.example/pay?card=4111111111111111&api_key=abc', method: 'GET' },
      tags: { client_ip: '10.0.0.7' },
      extra: { nested: { deeper: [{ auth: jwt, contact: 'bob@example.com' }] } },
    } as ErrorEvent;
    expect(scrubEvent(event, all)).toEqual({
      ...event,
      message: 'auth failed: Bearer [token] for [email]',
      exception: [{ type: 'Error', value: 'from [ip]', frames: [{ filename: 'app.js', function: 'run' }] }],
      request: { url: `https://shop.example/pay?card=[card]&api_key=${FILTERED}`, method: 'GET' },
      tags: { client_ip: '[ip]' },
      extra: { nested: { deeper: [{ auth: '[jwt]', contact: '[email]' }] } },
    });
  });
});
