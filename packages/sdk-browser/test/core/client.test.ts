import { errorEventCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { Client } from '../../src/core/client.js';
import { scrubUrl, scrubValue } from '../../src/core/scrub.js';
import type { Transport } from '../../src/core/transport.js';
import type { FaultlineEvent } from '../../src/core/types.js';

function clientWith(options: Partial<ConstructorParameters<typeof Client>[0]> = {}) {
  const sent: FaultlineEvent[] = [];
  const transport: Transport = {
    async send(body) {
      sent.push(...(JSON.parse(body) as FaultlineEvent[]));
      return { status: 202 };
    },
  };
  const client = new Client({ key: 'k', endpoint: 'http://ingest', ...options }, transport, {
    name: 'faultline.test',
    version: '0.0.0',
  });
  return { client, sent };
}

describe('Client', () => {
  it('builds events that pass the errors.raw contract once ingest adds the project', async () => {
    const { client, sent } = clientWith({ release: 'r1', environment: 'prod', userId: 'u', sessionId: 's' });
    client.captureException(new Error('x'.repeat(20_000), { cause: 'why' }), {
      source: 'express',
      component: 'c'.repeat(300),
      request: { url: 'https://a.example/p?password=hunter2', method: 'post', userAgent: 'ua' },
      responseTimeMs: 12,
      memoryBytes: 1e9 + 1,
      tags: { ['t'.repeat(100)]: 'v'.repeat(300) },
      extra: { nested: { apiKey: 'secret', ok: 1 } },
    });
    await client.flush();
    const [event] = sent;
    expect(errorEventCodec.check({ ...event, projectId: '1' })).toMatchObject({ ok: true });
    expect(event).toMatchObject({
      source: 'express',
      request: { url: 'https://a.example/p?password=[Filtered]', method: 'POST' },
      extra: { nested: { apiKey: '[Filtered]', ok: 1 } },
      exception: [{ type: 'Error', value: 'why' }, { type: 'Error' }],
    });
  });

  it('samples with sampleRate', async () => {
    const rolls = [0.1, 0.9, 0.3];
    const { client, sent } = clientWith({ sampleRate: 0.5, random: () => rolls.shift() ?? 0 });
    const ids = ['a', 'b', 'c'].map((m) => client.captureMessage(m));
    await client.flush();
    expect(ids.map((id) => id !== undefined)).toEqual([true, false, true]);
    expect(sent.map((e) => e.message)).toEqual(['a', 'c']);
  });

  it('lets beforeSend change or drop an event, and reports one error object once', async () => {
    const { client, sent } = clientWith({
      beforeSend: (event) => (event.message === 'drop me' ? null : { ...event, tags: { seen: 'yes' } }),
    });
    const error = new Error('keep me');
    client.captureException(error);
    client.captureException(error);
    client.captureMessage('drop me');
    await client.flush();
    expect(sent.map((e) => [e.message, e.tags])).toEqual([['keep me', { seen: 'yes' }]]);
  });
});

describe('scrubbing', () => {
  it.each([
    { url: 'https://a/b?token=1&x=2#h', scrubbed: 'https://a/b?token=[Filtered]&x=2#h' },
    {
      url: 'https://a/b?api_key=1&Authorization=2',
      scrubbed: 'https://a/b?api_key=[Filtered]&Authorization=[Filtered]',
    },
    { url: 'https://a/b', scrubbed: 'https://a/b' },
  ])('scrubUrl($url)', ({ url, scrubbed }) => {
    expect(scrubUrl(url)).toBe(scrubbed);
  });

  it('scrubs values at any depth and cuts cycles', () => {
    const value: Record<string, unknown> = { list: [{ password: 'p' }], cookie: 'c' };
    value.self = value;
    expect(scrubValue(value)).toEqual({
      list: [{ password: '[Filtered]' }],
      cookie: '[Filtered]',
      self: '[Circular]',
    });
  });
});
