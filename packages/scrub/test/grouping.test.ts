import { fingerprintOf, normalizeMessage } from '@faultline/grouping';
import { errorEvent, exceptionEvent, nodeFrame } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { type ScrubConfig, scrubEvent, scrubOptionsFor } from '../src/index.js';

const defaults = scrubOptionsFor(
  { emails: true, ips: true, sensitiveFields: [], safeFields: [], projects: {} } satisfies ScrubConfig,
  'shop',
);
const groupOf = (message: string) => fingerprintOf(scrubEvent(errorEvent({ message }), defaults)).groupId;

/** The categorizer scrubs before it groups: placeholders must leave one bug one group. */
describe('grouping of scrubbed events', () => {
  it.each([
    ['an email', 'no account for ann@example.com', 'no account for bob.smith@example.org'],
    ['an IP', 'connect ECONNREFUSED 10.0.0.1:5432', 'connect ECONNREFUSED 10.0.0.2:5432'],
    [
      'a JWT',
      'invalid token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln',
      'invalid token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiIn0.b3RoZXI',
    ],
    ['a bearer token', 'upstream refused Bearer abc123def456', 'upstream refused Bearer zz9988776655'],
    ['a card number', 'charge 4111111111111111 declined', 'charge 5500005555555559 declined'],
  ])('two messages differing only in %s group together', (_name, a, b) => {
    expect(groupOf(a)).toBe(groupOf(b));
  });

  it('events differing in something else still group apart', () => {
    expect(groupOf('no account for ann@example.com')).not.toBe(groupOf('locked account ann@example.com'));
  });

  it('an exception group is unchanged by an email in its value', () => {
    const frames = [nodeFrame('/srv/app', 'src/users.js', 'findUser')];
    const a = exceptionEvent([{ type: 'NotFound', value: 'no user ann@example.com', frames }]);
    const b = exceptionEvent([{ type: 'NotFound', value: 'no user bob@example.com', frames }]);
    expect(fingerprintOf(scrubEvent(a, defaults)).groupId).toBe(
      fingerprintOf(scrubEvent(b, defaults)).groupId,
    );
    expect(fingerprintOf(scrubEvent(a, defaults)).groupId).toBe(fingerprintOf(a).groupId);
  });

  it('normalization keeps the placeholders readable', () => {
    expect(normalizeMessage('no account for [email] from [ip] with [jwt]')).toBe(
      'no account for [email] from [ip] with [jwt]',
    );
  });
});
