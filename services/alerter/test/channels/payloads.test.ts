import type { AlertState } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../src/channels/channel.js';
import { pagerDutyDedupKey, pagerDutyPayload } from '../../src/channels/pagerduty.js';
import { slackPayload } from '../../src/channels/slack.js';
import { twilioRequest } from '../../src/channels/sms.js';
import { webhookSignature } from '../../src/channels/webhook.js';
import { backoffMs, parseRetryAfter } from '../../src/delivery/backoff.js';
import { decodeJob, encodeJob, type Job } from '../../src/schedule/jobs.js';
import { findSilence } from '../../src/silences/silence.js';

const alert: AlertState = {
  alertId: 'a1',
  dedupKey: 'shop:critical',
  scope: { projectId: 'shop', severity: 'critical', component: 'payment' },
  severity: 'critical',
  status: 'firing',
  errorCount: 3,
  affectedComponents: ['payment'],
  message: 'CRITICAL: 3 errors detected',
  samples: [
    {
      eventId: 'e1',
      groupId: 'g1',
      message: 'Payment processing failed',
      timestamp: '2026-01-01T00:00:00.000Z',
    },
  ],
  firstSeen: '2026-01-01T00:00:00.000Z',
  lastSeen: '2026-01-01T00:00:01.000Z',
  stage: 0,
};
const message = (overrides: Partial<ChannelMessage> = {}): ChannelMessage => ({
  alert,
  purpose: 'page',
  stage: 0,
  recipient: 'oncall',
  at: 0,
  ...overrides,
});

describe('channel payloads', () => {
  it('Slack: fallback text, severity colour, header block first', () => {
    const payload = slackPayload(message());
    expect(payload.text).toBe('[CRITICAL] shop: CRITICAL: 3 errors detected');
    expect(payload.attachments[0]?.color).toBe('#E01E5A');
    expect(payload.attachments[0]?.blocks[0]).toMatchObject({ type: 'header' });
    expect(
      slackPayload(
        message({ purpose: 'resolved', alert: { ...alert, status: 'resolved', resolvedBy: 'bob' } }),
      ).text,
    ).toMatch(/^Resolved by bob/);
  });

  it.each([
    { purpose: 'page' as const, action: 'trigger' },
    { purpose: 'acknowledged' as const, action: 'acknowledge' },
    { purpose: 'resolved' as const, action: 'resolve' },
  ])('PagerDuty $purpose -> $action with the alert dedup key', ({ purpose, action }) => {
    const payload = pagerDutyPayload(message({ purpose }), 'rk');
    expect(payload).toMatchObject({ routing_key: 'rk', event_action: action, dedup_key: 'shop:critical' });
    expect('payload' in payload).toBe(purpose === 'page');
  });

  it('PagerDuty dedup keys over 255 characters are hashed, stably', () => {
    const long = 'x'.repeat(300);
    expect(pagerDutyDedupKey(long)).toHaveLength(74);
    expect(pagerDutyDedupKey(long)).toBe(pagerDutyDedupKey(long));
  });

  it('Twilio: form-encoded Messages.json of the account, basic auth', () => {
    const request = twilioRequest(
      { baseUrl: 'https://api.twilio.com/', accountSid: 'AC1', authToken: 't', from: '+15550000000' },
      message(),
      '+15551111111',
    );
    expect(request.url).toBe('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC1:t').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toMatchObject({
      To: '+15551111111',
      From: '+15550000000',
    });
  });

  it('webhook signature is HMAC-SHA256 over timestamp.body', () => {
    // echo -n '1.{}' | openssl dgst -sha256 -hmac k
    expect(webhookSignature('k', '1', '{}')).toBe(
      'sha256=3dd49b2593d0f9a349e9e71c4bde3e2b862c2be4003fe9b4ba81332029310158',
    );
    expect(webhookSignature('k', '1', '{}')).not.toBe(webhookSignature('k', '2', '{}'));
  });
});

describe('delivery timing', () => {
  it.each([
    { attempt: 1, random: 0, expected: 50 },
    { attempt: 1, random: 1, expected: 100 },
    { attempt: 3, random: 0.5, expected: 300 },
    { attempt: 10, random: 1, expected: 1000 },
  ])('backoff attempt $attempt random $random -> $expected ms', ({ attempt, random, expected }) => {
    expect(backoffMs(attempt, 100, 1000, () => random)).toBe(expected);
  });

  it.each([
    { value: '2', expected: 2000 },
    { value: 'Thu, 01 Jan 1970 00:00:05 GMT', expected: 5000 },
    { value: 'soon', expected: undefined },
    { value: null, expected: undefined },
  ])('Retry-After $value -> $expected', ({ value, expected }) => {
    expect(parseRetryAfter(value, 0)).toBe(expected);
  });
});

describe('jobs and silences', () => {
  it.each<Job>([
    { kind: 'escalate', alertId: 'a:1', stage: 2 },
    { kind: 'unack', alertId: 'a1', ackExpiresAt: 123 },
    { kind: 'sla', alertId: 'a1' },
    {
      kind: 'deliver',
      alertId: 'a1',
      purpose: 'resolved',
      stage: 1,
      channel: 'slack',
      recipient: 'tech-lead',
    },
  ])('$kind round-trips through its member', (job) => {
    expect(decodeJob(encodeJob(job))).toEqual(job);
  });

  it('silences match every given matcher while active', () => {
    const silence = (matchers: object, endsAt = '2026-01-02T00:00:00.000Z') => ({
      id: 's',
      matchers,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt,
      createdBy: 'ops',
    });
    const now = Date.parse('2026-01-01T12:00:00.000Z');
    expect(findSilence([silence({ component: 'payment', severity: 'critical' })], alert, now)?.id).toBe('s');
    expect(findSilence([silence({ groupId: 'g1' })], alert, now)?.id).toBe('s');
    expect(findSilence([silence({ component: 'payment', severity: 'high' })], alert, now)).toBeUndefined();
    expect(
      findSilence([silence({ projectId: 'shop' }, '2026-01-01T11:00:00.000Z')], alert, now),
    ).toBeUndefined();
  });
});
