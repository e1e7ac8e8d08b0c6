import { categorizedEventCodec, type ErrorEvent } from '@faultline/contracts';
import { errorEvent } from '@faultline/grouping/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, waitFor } from './support/harness.js';
import { infraEndpoints } from './support/infra.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4iLCJlbWFpbCI6ImFubkBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLXZhbHVl';
/** What must not leave the categorizer: each is in the events below. */
const PERSONAL = [
  'ann@example.com',
  'bob@example.com',
  '203.0.113.9',
  JWT,
  'tok3nS3cr3tValue9',
  '4111111111111111',
];

function leaky(projectId: string, email: string): ErrorEvent {
  return errorEvent({
    projectId,
    message: `payment failed for ${email} with Bearer tok3nS3cr3tValue9 card 4111111111111111`,
    exception: [{ type: 'PaymentError', value: `declined for ${email} from 203.0.113.9` }],
    request: { url: `https://shop.example/pay?access_token=${JWT}&page=2`, method: 'POST' },
    tags: { client: '203.0.113.9' },
    extra: { session: { jwt: JWT, who: [email] } },
  });
}

describe('categorizer scrubs what producers wrote straight to errors.raw', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  it('stores none of the personal data, groups events differing only in it, and applies project overrides', async () => {
    harness = new Harness(infraEndpoints(), {
      env: { FAULTLINE_SCRUB_PROJECTS: JSON.stringify({ lab: { ips: false } }) },
    });
    await harness.start();
    const ann = leaky('shop', 'ann@example.com');
    const bob = leaky('shop', 'bob@example.com');
    const lab = errorEvent({
      projectId: 'lab',
      message: 'timeout talking to 203.0.113.9 for ann@example.com',
    });
    await harness.produceEvents([ann, bob, lab]);

    const output = await harness.read(harness.topics.errorsCategorized);
    const consumer = await harness.startCategorizer();
    try {
      await waitFor(() => output.length >= 3, 45_000, '3 categorized events');
    } finally {
      await consumer.stop();
    }

    const shop = output.filter(({ key }) => key?.startsWith('shop:'));
    expect(shop).toHaveLength(2);
    for (const { value } of shop) {
      const text = value?.toString('utf8') ?? '';
      for (const secret of PERSONAL) expect(text).not.toContain(secret);
    }
    const [first, second] = shop.map(({ value }) => {
      const decoded = categorizedEventCodec.decode(value);
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.value;
    });
    expect(first?.event).toMatchObject({
      message: 'payment failed for [email] with Bearer [token] card [card]',
      exception: [{ type: 'PaymentError', value: 'declined for [email] from [ip]' }],
      request: { url: 'https://shop.example/pay?access_token=[Filtered]&page=2' },
      tags: { client: '[ip]' },
      extra: { session: { jwt: '[jwt]', who: ['[email]'] } },
    });
    expect(first?.groupId).toBe(second?.groupId);

    const labOut = output.find(({ key }) => key?.startsWith('lab:'));
    const labEvent = categorizedEventCodec.decode(labOut?.value ?? null);
    expect(labEvent.ok && labEvent.value.event.message).toBe('timeout talking to 203.0.113.9 for [email]');
  });
});
