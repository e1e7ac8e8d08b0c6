import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../../src/channels/http-post.js';
import { DeliveryError } from '../../src/delivery/delivery-error.js';

/** Two loopback receivers: one redirects every POST to the other, which counts what reaches it. */
let redirector: Server;
let target: Server;
let targetHits = 0;
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  target = createServer((request, response) => {
    targetHits += 1;
    request.resume();
    response.end('ok');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  redirector = createServer((request, response) => {
    request.resume();
    const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status') ?? 302);
    response.writeHead(status, { location: `${urlOf(target)}/internal` }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await Promise.all([redirector, target].map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('webhook POST', () => {
  it.each([301, 302, 303, 307, 308])(
    'does not follow a %i redirect, and fails without retry',
    async (status) => {
      const error = await post(
        { url: `${urlOf(redirector)}/hook?status=${status}`, headers: {}, body: '{"secret":1}' },
        AbortSignal.timeout(5_000),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).retryable).toBe(false);
      expect((error as DeliveryError).message).toContain(`${status} redirect refused`);
      expect(targetHits).toBe(0);
    },
  );

  it('still delivers to a receiver that answers 2xx', async () => {
    await expect(
      post({ url: `${urlOf(target)}/hook`, headers: {}, body: '{}' }, AbortSignal.timeout(5_000)),
    ).resolves.toBe('ok');
  });
});
