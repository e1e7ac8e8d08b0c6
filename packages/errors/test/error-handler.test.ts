import { withErrors } from '@faultline/api-contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { CodedError } from '../src/coded-error.js';
import errorHandler, { type ErrorAnswer } from '../src/error-handler.js';

type ShopCode = 'FL_SHOP_OUT' | 'FL_SHOP_BUSY' | 'FL_SHOP_NO_SUCH_ITEM';
class ShopError extends CodedError<ShopCode, { item?: string; left?: number; shelf?: string }> {}
const SPECS = {
  FL_SHOP_OUT: { status: 409 },
  FL_SHOP_BUSY: { status: 503 },
  FL_SHOP_NO_SUCH_ITEM: { status: 404 },
};

let app: FastifyInstance;
afterEach(() => app?.close());

async function shop(options: { classify?: boolean } = {}) {
  const answers: ErrorAnswer[] = [];
  app = Fastify({ logger: false });
  await app.register(errorHandler, {
    prefix: 'FL_SHOP',
    onAnswer: (answer) => answers.push(answer),
    ...(options.classify
      ? {
          classify: (error) =>
            error.message === 'db away'
              ? new ShopError('FL_SHOP_BUSY', 'busy', SPECS.FL_SHOP_BUSY)
              : undefined,
        }
      : {}),
  });
  const Item = Type.Object({ id: Type.String(), price: Type.Number() });
  const schema = { response: withErrors({ 200: Item }) };
  app.get('/items/out', { schema }, async () => {
    throw new ShopError('FL_SHOP_OUT', 'sold out', SPECS.FL_SHOP_OUT, {
      details: { item: 'a', left: 0, shelf: undefined },
    });
  });
  app.get('/items/busy', { schema }, async () => {
    throw new ShopError('FL_SHOP_BUSY', 'try later', SPECS.FL_SHOP_BUSY, { retryAfterSeconds: 2 });
  });
  app.get('/items/crash', { schema }, async () => {
    throw new Error('db away');
  });
  app.get('/items/secret', { schema }, async () => {
    throw new Error('password=hunter2');
  });
  app.post(
    '/items',
    { schema: { body: Type.Object({ id: Type.String() }), response: withErrors({ 200: Item }) } },
    async () => ({ id: 'a', price: 1, internal: 'dropped by the response schema' }),
  );
  await app.ready();
  return answers;
}

describe('error handler', () => {
  it.each([
    {
      name: 'a coded 4xx with its details',
      request: { method: 'GET', url: '/items/out' },
      status: 409,
      body: { error: 'FL_SHOP_OUT', message: 'sold out', item: 'a', left: 0 },
    },
    {
      name: 'a coded 5xx with its own message',
      request: { method: 'GET', url: '/items/busy' },
      status: 503,
      body: { error: 'FL_SHOP_BUSY', message: 'try later' },
    },
    {
      name: 'an unknown failure as a bare 500',
      request: { method: 'GET', url: '/items/secret' },
      status: 500,
      body: { error: 'FL_SHOP_INTERNAL', message: 'internal error' },
    },
    {
      name: 'a schema failure in the service vocabulary',
      request: { method: 'POST', url: '/items', payload: { name: 1 } },
      status: 400,
      body: { error: 'FL_SHOP_INVALID_REQUEST', message: "body must have required property 'id'" },
    },
    {
      name: 'a body that is not JSON',
      request: {
        method: 'POST',
        url: '/items',
        payload: '{',
        headers: { 'content-type': 'application/json' },
      },
      status: 400,
      body: { error: 'FL_SHOP_INVALID_BODY' },
    },
    {
      name: 'an unknown route',
      request: { method: 'GET', url: '/nothing' },
      status: 404,
      body: { error: 'FL_SHOP_NOT_FOUND', message: 'no route GET /nothing' },
    },
  ] as const)('answers $name', async ({ request, status, body }) => {
    const answers = await shop();
    const response = await app.inject(request);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject(body);
    expect(answers.map((a) => a.body.error)).toEqual([body.error]);
  });

  it('answers the body exactly: the envelope first, no undefined details, no stack', async () => {
    await shop();
    expect((await app.inject({ method: 'GET', url: '/items/out' })).body).toBe(
      '{"error":"FL_SHOP_OUT","message":"sold out","item":"a","left":0}',
    );
  });

  it('sends Retry-After for a retryable coded error', async () => {
    await shop();
    const response = await app.inject({ method: 'GET', url: '/items/busy' });
    expect(response.headers['retry-after']).toBe('2');
  });

  it('lets the service classify an uncoded failure', async () => {
    await shop({ classify: true });
    const response = await app.inject({ method: 'GET', url: '/items/crash' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: 'FL_SHOP_BUSY', message: 'busy' });
  });

  it('serializes answers through their response schema', async () => {
    await shop();
    const response = await app.inject({ method: 'POST', url: '/items', payload: { id: 'a' } });
    expect(response.json()).toEqual({ id: 'a', price: 1 });
  });
});

describe('CodedError', () => {
  it.each([
    { name: 'a 429 is retryable', spec: { status: 429 }, retryable: true },
    { name: 'a 503 is retryable', spec: { status: 503 }, retryable: true },
    { name: 'a 400 is not', spec: { status: 400 }, retryable: false },
    { name: 'the table decides', spec: { status: 500, retryable: true }, retryable: true },
  ])('$name', ({ spec, retryable }) => {
    const error = new ShopError('FL_SHOP_OUT', 'x', spec, { cause: new Error('root') });
    expect(error.retryable).toBe(retryable);
    expect(error.statusCode).toBe(spec.status);
    expect((error.cause as Error).message).toBe('root');
  });
});
