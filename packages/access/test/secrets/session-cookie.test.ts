import { describe, expect, it } from 'vitest';
import {
  clearSessionSetCookie,
  newSessionId,
  SESSION_COOKIE,
  sessionSetCookie,
  signSession,
  verifySession,
} from '../../src/index.js';
import { sessionCookieFrom } from '../../src/secrets/session-cookie.js';

const SECRET = 's'.repeat(32);
const NOW = new Date('2026-11-29T05:00:00.000Z');
const LATER = new Date('2026-11-29T13:00:00.000Z');
const claims = { userId: 'alice.smith:ops', sessionId: newSessionId(), expiresAt: LATER };

describe('signSession / verifySession', () => {
  const value = signSession(claims, SECRET);

  it('round-trips userId (dots and colons included), sessionId and expiry to the second', () => {
    expect(value.split('.').length).toBe(5);
    expect(verifySession(value, SECRET, NOW)).toEqual(claims);
  });

  const [, sessionId = '', expires = '', mac = ''] = value.replace('alice.smith', 'alice').split('.');
  it.each([
    { name: 'another secret', cookie: value, secret: 't'.repeat(32), now: NOW },
    { name: 'expired', cookie: value, secret: SECRET, now: LATER },
    { name: 'another user', cookie: value.replace('alice.smith', 'mallory.smith'), secret: SECRET, now: NOW },
    {
      name: 'a later expiry',
      cookie: ['alice.smith:ops', sessionId, String(Number(expires) + 3600), mac].join('.'),
      secret: SECRET,
      now: NOW,
    },
    { name: 'a truncated mac', cookie: value.slice(0, -2), secret: SECRET, now: NOW },
    { name: 'too few parts', cookie: `${sessionId}.${expires}.${mac}`, secret: SECRET, now: NOW },
    { name: 'garbage', cookie: 'x'.repeat(600), secret: SECRET, now: NOW },
  ])('refuses a cookie with $name', ({ cookie, secret, now }) => {
    expect(verifySession(cookie, secret, now)).toBeUndefined();
  });

  it('refuses a short secret', () => {
    expect(() => signSession(claims, 'short')).toThrow(/at least 32/);
  });
});

describe('session cookie headers', () => {
  it('sets HttpOnly, SameSite=Lax, Path=/, a Max-Age, and Secure only over TLS', () => {
    const expiresAt = new Date(Date.now() + 3600_000);
    const plain = sessionSetCookie('v', expiresAt, { secure: false });
    expect(plain).toMatch(/^faultline_session=v; Path=\/; Max-Age=(3599|3600); HttpOnly; SameSite=Lax$/);
    expect(sessionSetCookie('v', expiresAt, { secure: true })).toMatch(/; Secure$/);
    expect(clearSessionSetCookie({ secure: false })).toBe(
      'faultline_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });

  it.each([
    { name: 'alone', header: `${SESSION_COOKIE}=abc`, expected: 'abc' },
    { name: 'among others', header: `a=1; ${SESSION_COOKIE}=x.y.z; b=2`, expected: 'x.y.z' },
    { name: 'quoted', header: `${SESSION_COOKIE}="q"`, expected: 'q' },
    { name: 'a longer name only', header: `${SESSION_COOKIE}_old=abc`, expected: undefined },
    { name: 'no header', header: undefined, expected: undefined },
  ])('reads the cookie $name', ({ header, expected }) => {
    expect(sessionCookieFrom(header)).toBe(expected);
  });
});
