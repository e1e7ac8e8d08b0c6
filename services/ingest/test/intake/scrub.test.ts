import type { ErrorEvent } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { passesLuhn } from '../../src/intake/luhn.js';
import { FILTERED, isSecretKey, scrubEvent, scrubText, scrubValue } from '../../src/intake/scrub.js';

const off = { emails: false, ips: false, keys: [] };
const all = { emails: true, ips: true, keys: [] };

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
      expected: `card ${FILTERED} declined`,
    },
    { name: 'a card number with dashes', text: '5500-0055-5555-5559', options: off, expected: FILTERED },
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
      expected: `from ${FILTERED}`,
    },
    {
      name: 'IPv4 when configured',
      text: 'connect ECONNREFUSED 10.0.0.1:5432',
      options: all,
      expected: `connect ECONNREFUSED ${FILTERED}:5432`,
    },
    {
      name: 'IPv6 when configured',
      text: 'peer fe80::1 and 2001:db8:0:0:0:0:2:1 gone',
      options: all,
      expected: `peer ${FILTERED} and ${FILTERED} gone`,
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
    expect(scrubEvent(event, { emails: true, ips: false, keys: [] })).toEqual({
      ...event,
      message: `charge ${FILTERED} failed for ${FILTERED}`,
      tags: { session_token: FILTERED, region: 'eu' },
      extra: { body: { password: FILTERED } },
    });
  });
});
