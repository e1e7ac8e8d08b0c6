import { describe, expect, it } from 'vitest';
import { isServerError } from '../src/http-status.js';
import { rateLimitMessage } from '../src/rate-limit.js';
import { isSignatureError, signatureMessage, WebhookSignatureError } from '../src/webhook.js';

describe('isSignatureError', () => {
  it.each([
    { name: 'our own error', error: new WebhookSignatureError('bad'), expected: true },
    {
      name: "Stripe's",
      error: Object.assign(new Error('No signatures found matching the expected signature for payload'), {
        type: 'StripeSignatureVerificationError',
      }),
      expected: true,
    },
    {
      name: "svix's",
      error: Object.assign(new Error('No matching signature found'), { name: 'WebhookVerificationError' }),
      expected: true,
    },
    {
      name: 'a code',
      error: Object.assign(new Error('rejected'), { code: 'ERR_BAD_SIGNATURE' }),
      expected: true,
    },
    { name: 'anything else', error: new Error('Payment processing failed'), expected: false },
    { name: 'a thrown string', error: 'signature', expected: false },
  ])('$name: $expected', ({ error, expected }) => {
    expect(isSignatureError(error)).toBe(expected);
  });

  it("reports with a message the runbook's security pattern matches", () => {
    expect(signatureMessage('github', new Error('x'))).toMatch(/webhook.*signature.*invalid/i);
  });
});

describe('rateLimitMessage', () => {
  it.each([
    { details: {}, message: 'Rate limit exceeded' },
    { details: { method: 'POST', route: '/login' }, message: 'Rate limit exceeded on POST /login' },
    {
      details: { route: '/a', limit: 5, windowMs: 1000, key: '1.2.3.4' },
      message: 'Rate limit exceeded on /a (5 per 1000 ms)',
    },
  ])('$message', ({ details, message }) => {
    expect(rateLimitMessage(details)).toBe(message);
    expect(rateLimitMessage(details)).toMatch(/rate.*limit.*exceeded/i);
  });
});

describe('isServerError', () => {
  it.each([
    { error: new Error('plain'), expected: true },
    { error: Object.assign(new Error('x'), { status: 503 }), expected: true },
    { error: Object.assign(new Error('x'), { statusCode: 404 }), expected: false },
    { error: Object.assign(new Error('x'), { status: 'weird' }), expected: true },
  ])('$error.message $expected', ({ error, expected }) => {
    expect(isServerError(error)).toBe(expected);
  });
});
