import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setCurrentClient } from '@faultline/browser/core';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createNodeClient,
  expressErrorHandler,
  expressRateLimitHandler,
  expressRequestTimer,
  faultlineFastify,
  WebhookSignatureError,
  wrapFunction,
  wrapWebhookHandler,
} from '../src/index.js';
import { type IngestUnderTest, startIngest } from './support/ingest.js';

/** Ingest scrubs IP addresses by default, the app's loopback address in request URLs included. */
const scrubbedIp = (url: string) => url.replace('127.0.0.1', '[ip]');

let ingest: IngestUnderTest;
let client: Client;
let expressServer: Server;
let expressUrl: string;
let fastify: FastifyInstance;
let fastifyUrl: string;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function expressApp(): express.Express {
  const app = express();
  app.use(expressRequestTimer());
  app.get('/orders/:id', () => {
    throw new Error('Database connection failed for orders', {
      cause: new Error('connect ECONNREFUSED 10.0.0.5:5432'),
    });
  });
  app.get('/secret', () => {
    throw new HttpError(404, 'no such thing (a 4xx, not reported)');
  });
  app.post(
    '/webhooks/stripe',
    wrapWebhookHandler(
      (request: express.Request) => {
        if (request.get('stripe-signature') !== 'good')
          throw new WebhookSignatureError('No signatures found matching the expected signature');
        throw new Error('Payment processing failed: order 42 unknown');
      },
      { provider: 'stripe', component: 'payment' },
    ),
  );
  app.use(
    '/limited',
    rateLimit({
      windowMs: 60_000,
      limit: 1,
      handler: expressRateLimitHandler(),
      standardHeaders: false,
      legacyHeaders: false,
    }),
  );
  app.get('/limited/search', (_request, response) => {
    response.send('ok');
  });
  app.use(expressErrorHandler());
  // The app's own handler still answers: the SDK's middleware passes errors on.
  app.use(
    (error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
      response.status(error instanceof HttpError ? error.status : 500).send('handled by the app');
    },
  );
  return app;
}

beforeAll(async () => {
  ingest = await startIngest('sdk-node');
  client = createNodeClient({
    endpoint: ingest.url,
    key: ingest.key,
    release: 'shop@2.3.4',
    environment: 'test',
    tags: { region: 'eu' },
    queue: { flushIntervalMs: 100 },
  });
  setCurrentClient(client);

  expressServer = expressApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => expressServer.once('listening', resolve));
  expressUrl = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`;

  fastify = Fastify();
  await fastify.register(faultlineFastify, { component: 'reports-api' });
  fastify.get('/reports/:id', async () => {
    throw new Error('Report generation timeout after 30s');
  });
  fastify.get('/bad', { schema: { querystring: { type: 'object', required: ['q'] } } }, async () => 'never');
  fastifyUrl = await fastify.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  setCurrentClient(undefined);
  await fastify?.close();
  await new Promise((resolve) => expressServer?.close(resolve));
  await ingest?.close();
});

describe('Express error middleware', () => {
  it('reports a route error with the route, request, timing and the cause chain, and the app still answers', async () => {
    const response = await fetch(`${expressUrl}/orders/17?token=abc&page=2`, {
      headers: { 'user-agent': 'sdk-test' },
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('handled by the app');

    const event = await ingest.waitFor((e) => e.message === 'Database connection failed for orders');
    expect(event).toMatchObject({
      projectId: ingest.projectId,
      source: 'express',
      component: 'api',
      action: 'GET /orders/:id',
      release: 'shop@2.3.4',
      environment: 'test',
      tags: { region: 'eu', runtime: expect.stringMatching(/^node /) },
      request: {
        method: 'GET',
        url: `${scrubbedIp(expressUrl)}/orders/17?token=[Filtered]&page=2`,
        userAgent: 'sdk-test',
      },
      responseTimeMs: expect.any(Number),
      memoryBytes: expect.any(Number),
      sdk: { name: 'faultline.node', version: '0.1.0' },
    });
    expect(event.exception?.map((e) => e.value)).toEqual([
      'connect ECONNREFUSED [ip]:5432',
      'Database connection failed for orders',
    ]);
    const caught = event.exception?.[1];
    expect(caught?.mechanism).toEqual({ type: 'express', handled: true });
    expect(
      caught?.frames?.some((f) => f.filename?.endsWith('collection-points.int.test.ts') && f.inApp),
    ).toBe(true);
  });

  it('leaves 4xx errors unreported', async () => {
    expect((await fetch(`${expressUrl}/secret`)).status).toBe(404);
    // One client sends in order: once a later error has arrived, an earlier one would have too.
    expect((await fetch(`${expressUrl}/orders/18`)).status).toBe(500);
    expect(await client.flush()).toBe(true);
    await ingest.waitFor((e) => e.request?.url?.endsWith('/orders/18') === true);
    expect(ingest.events.filter((e) => e.message.includes('a 4xx'))).toEqual([]);
  });
});

describe('webhook wrapper', () => {
  it('reports a signature failure as security, matching the runbook pattern', async () => {
    expect(
      (
        await fetch(`${expressUrl}/webhooks/stripe`, {
          method: 'POST',
          headers: { 'stripe-signature': 'forged' },
        })
      ).status,
    ).toBe(500);
    const event = await ingest.waitFor((e) => e.source === 'webhook' && e.component === 'security');
    expect(event.message).toMatch(/webhook.*signature.*invalid/i);
    expect(event).toMatchObject({
      action: 'webhook.stripe',
      level: 'warning',
      tags: { 'webhook.provider': 'stripe' },
    });
    expect(event.exception?.at(-1)?.type).toBe('WebhookSignatureError');
  });

  it('reports other webhook errors under the given component', async () => {
    await fetch(`${expressUrl}/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': 'good' } });
    const event = await ingest.waitFor((e) => e.source === 'webhook' && e.component === 'payment');
    expect(event).toMatchObject({ message: 'Payment processing failed: order 42 unknown', level: 'error' });
  });
});

describe('rate limiter hook', () => {
  it('reports a refused request through express-rate-limit and answers 429', async () => {
    expect((await fetch(`${expressUrl}/limited/search`)).status).toBe(200);
    expect((await fetch(`${expressUrl}/limited/search`)).status).toBe(429);
    const event = await ingest.waitFor((e) => e.source === 'rate-limiter');
    expect(event.message).toMatch(/rate.*limit.*exceeded/i);
    expect(event).toMatchObject({
      message: 'Rate limit exceeded on GET /limited/search (1 per 60000 ms)',
      component: 'security',
      level: 'warning',
      tags: { 'ratelimit.key': '[ip]', 'ratelimit.limit': '1' },
    });
  });
});

describe('Fastify plugin', () => {
  it('reports a route error with the route pattern and leaves validation errors (400) alone', async () => {
    expect((await fetch(`${fastifyUrl}/bad`)).status).toBe(400);
    expect((await fetch(`${fastifyUrl}/reports/9?x=1`)).status).toBe(500);
    expect(await client.flush()).toBe(true);
    const event = await ingest.waitFor((e) => e.source === 'fastify');
    expect(event).toMatchObject({
      message: 'Report generation timeout after 30s',
      component: 'reports-api',
      action: 'GET /reports/:id',
      request: { method: 'GET', url: `${scrubbedIp(fastifyUrl)}/reports/9?x=1` },
      responseTimeMs: expect.any(Number),
    });
    expect(ingest.events.filter((e) => e.source === 'fastify')).toHaveLength(1);
  });
});

describe('function wrapper (Convex-style)', () => {
  it.each([
    {
      name: 'an async handler that rejects',
      fn: async (_ctx: unknown, args: { id: string }) => {
        throw new Error(`Unauthorized access to order ${args.id}`);
      },
      action: 'orders:get',
    },
    {
      name: 'a sync handler that throws',
      fn: (_ctx: unknown, args: { id: string }) => {
        throw new Error(`File system error reading ${args.id}`);
      },
      action: 'files:read',
    },
  ])('reports $name and rethrows it unchanged', async ({ fn, action }) => {
    const wrapped = wrapFunction(action, fn, { component: 'convex-backend' });
    let thrown: unknown;
    try {
      await wrapped({}, { id: action });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const event = await ingest.waitFor((e) => e.action === action);
    expect(event).toMatchObject({
      source: 'convex',
      component: 'convex-backend',
      message: (thrown as Error).message,
      responseTimeMs: expect.any(Number),
    });
  });

  it('passes results through untouched', async () => {
    expect(wrapFunction('sum', (a: number, b: number) => a + b)(2, 3)).toBe(5);
    expect(await wrapFunction('later', async () => 'ok')()).toBe('ok');
  });
});
