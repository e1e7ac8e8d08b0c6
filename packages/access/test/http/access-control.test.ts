import { errorHandler } from '@faultline/errors';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessView,
  accessControl,
  listRouteAccess,
  newSessionId,
  SESSION_COOKIE,
  signSession,
} from '../../src/index.js';
import { buildTestApp, SESSION_SECRET } from '../support/app.js';
import { member, token, user } from '../support/records.js';

const responderToken = token({ projects: ['checkout'], scope: 'respond' });
const readToken = token({ projects: ['checkout'], scope: 'read' });
const revokedToken = token({ projects: ['*'], scope: 'admin', revokedAt: '2026-11-29T05:00:00.000Z' });
const aliceToken = token({ userId: 'alice', projects: ['*'], scope: 'admin' });
const records = [
  user('owner', { owner: true }),
  user('alice'),
  user('off', { disabled: true }),
  member('checkout', { userId: 'alice' }, 'viewer'),
  member('checkout', { userId: 'off' }, 'admin'),
  responderToken.record,
  readToken.record,
  revokedToken.record,
  aliceToken.record,
];

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const cookieOf = (userId: string, expiresAt = new Date(Date.now() + 3600_000)) => ({
  cookie: `${SESSION_COOKIE}=${signSession({ userId, sessionId: newSessionId(), expiresAt }, SESSION_SECRET)}`,
});

describe('accessControl', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(AccessView.of(records));
  });
  afterAll(() => app.close());

  const cases: {
    name: string;
    method?: 'GET' | 'POST' | 'HEAD';
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
    status: number;
    error?: string;
  }[] = [
    { name: 'public route, anonymous', url: '/healthz', status: 200 },
    {
      name: 'public route, revoked token',
      url: '/healthz',
      headers: bearer(revokedToken.secret),
      status: 200,
    },
    { name: 'anonymous', url: '/api/v1/projects/checkout/issues', status: 401, error: 'FL_AUTH_REQUIRED' },
    { name: 'anonymous HEAD', method: 'HEAD', url: '/api/v1/projects/checkout/issues', status: 401 },
    {
      name: 'anonymous POST with a body',
      method: 'POST',
      url: '/api/v1/silences',
      body: { projectId: 'checkout', minutes: 5 },
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'unknown token',
      url: '/api/v1/projects/checkout/issues',
      headers: bearer(token({ projects: ['*'], scope: 'read' }).secret),
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'revoked token',
      url: '/api/v1/projects/checkout/issues',
      headers: bearer(revokedToken.secret),
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'not a bearer header',
      url: '/api/v1/projects/checkout/issues',
      headers: { authorization: `Basic ${readToken.secret}` },
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'a bad header beats a good cookie',
      url: '/api/v1/projects/checkout/issues',
      headers: { authorization: 'Bearer nope', ...cookieOf('owner') },
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'read token reads',
      url: '/api/v1/projects/checkout/issues',
      headers: bearer(readToken.secret),
      status: 200,
    },
    {
      name: 'read token on another project',
      url: '/api/v1/projects/billing/issues',
      headers: bearer(readToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'read token cannot acknowledge',
      method: 'POST',
      url: '/api/v1/projects/checkout/alerts/a1/acknowledge',
      headers: bearer(readToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'respond token acknowledges',
      method: 'POST',
      url: '/api/v1/projects/checkout/alerts/a1/acknowledge',
      headers: bearer(responderToken.secret),
      status: 200,
    },
    {
      name: "a person's admin token is capped by the person's viewer role",
      method: 'POST',
      url: '/api/v1/projects/checkout/alerts/a1/acknowledge',
      headers: bearer(aliceToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'query project allowed',
      url: '/api/v1/events?project=checkout',
      headers: bearer(readToken.secret),
      status: 200,
    },
    {
      name: 'query project forbidden',
      url: '/api/v1/events?project=billing',
      headers: bearer(readToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'repeated query project',
      url: '/api/v1/events?project=checkout&project=billing',
      headers: bearer(readToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'body project allowed',
      method: 'POST',
      url: '/api/v1/silences',
      headers: bearer(responderToken.secret),
      body: { projectId: 'checkout', minutes: 5 },
      status: 200,
    },
    {
      name: 'body project forbidden',
      method: 'POST',
      url: '/api/v1/silences',
      headers: bearer(responderToken.secret),
      body: { projectId: 'billing', minutes: 5 },
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'body without a project',
      method: 'POST',
      url: '/api/v1/silences',
      headers: bearer(responderToken.secret),
      body: { minutes: 5 },
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'session of a viewer reads',
      url: '/api/v1/projects/checkout/issues',
      headers: cookieOf('alice'),
      status: 200,
    },
    {
      name: 'session of a viewer cannot acknowledge',
      method: 'POST',
      url: '/api/v1/projects/checkout/alerts/a1/acknowledge',
      headers: cookieOf('alice'),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'expired session',
      url: '/api/v1/projects/checkout/issues',
      headers: cookieOf('alice', new Date(Date.now() - 1000)),
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'session of a disabled user',
      url: '/api/v1/projects/checkout/issues',
      headers: cookieOf('off'),
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'session of a removed user',
      url: '/api/v1/projects/checkout/issues',
      headers: cookieOf('nobody'),
      status: 401,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      name: 'owner route, owner',
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: cookieOf('owner'),
      status: 200,
    },
    {
      name: 'owner route, machine admin',
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: bearer(responderToken.secret),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    {
      name: 'project: none, a viewer somewhere',
      url: '/api/v1/projects',
      headers: cookieOf('alice'),
      status: 200,
    },
    { name: 'authenticated, no roles needed', url: '/auth/me', headers: cookieOf('alice'), status: 200 },
    { name: 'authenticated, anonymous', url: '/auth/me', status: 401, error: 'FL_AUTH_REQUIRED' },
    { name: 'unknown route answers 404, not 401', url: '/nothing', status: 404, error: 'FL_TEST_NOT_FOUND' },
  ];
  it.each(cases)('$name: $status', async ({ method = 'GET', url, headers, body, status, error }) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    expect(response.statusCode).toBe(status);
    if (error) {
      expect(response.json()).toEqual({ error, message: expect.any(String) });
      if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('hands the handler the identity: user via session, user via token, machine', async () => {
    const viaSession = await app.inject({ url: '/auth/me', headers: cookieOf('alice') });
    expect(viaSession.json()).toEqual({ kind: 'user', userId: 'alice', sessionId: expect.any(String) });
    const viaToken = await app.inject({ url: '/auth/me', headers: bearer(aliceToken.secret) });
    expect(viaToken.json()).toEqual({ kind: 'user', userId: 'alice', tokenId: aliceToken.record.tokenId });
    const machine = await app.inject({ url: '/auth/me', headers: bearer(readToken.secret) });
    expect(machine.json()).toEqual({ kind: 'machine', tokenId: readToken.record.tokenId });
    const projects = await app.inject({ url: '/api/v1/projects', headers: cookieOf('owner') });
    expect(projects.json()).toEqual({ visible: { all: true } });
  });

  it('lists every route with its rule, HEAD twins included', () => {
    const table = listRouteAccess(app);
    expect(table).toContainEqual({ method: 'GET', url: '/healthz', access: { public: true } });
    expect(table).toContainEqual({ method: 'HEAD', url: '/healthz', access: { public: true } });
    expect(table).toContainEqual({ method: 'POST', url: '/api/v1/admin/users', access: { owner: true } });
    expect(table).toContainEqual({
      method: 'POST',
      url: '/api/v1/silences',
      access: { role: 'responder', project: 'body.projectId' },
    });
    expect(table).toHaveLength(13); // 5 GET with their HEAD twins, 3 POST
  });
});

describe('accessControl at registration', () => {
  it.each([
    { name: 'a route without a rule', options: {}, problem: /route GET \/open has no config.access rule/ },
    {
      name: 'a route with a malformed rule',
      options: { config: { access: { role: 'viewer' } } },
      problem: /route GET \/open has config.access/,
    },
  ])('refuses $name, naming it', async ({ options, problem }) => {
    const app = Fastify();
    await app.register(accessControl, { view: AccessView.of([]), sessionSecret: SESSION_SECRET });
    await expect(
      app.register(async (child) => {
        child.get('/open', options as never, async () => 'open');
      }),
    ).rejects.toThrow(problem);
    await app.close();
  });

  it('refuses a route added straight on the app', async () => {
    const app = Fastify();
    await app.register(accessControl, { view: AccessView.of([]), sessionSecret: SESSION_SECRET });
    expect(() => app.get('/open', async () => 'open')).toThrow(/route GET \/open has no config.access rule/);
    await app.close();
  });

  it('refuses at request time a route registered before the plugin (fail closed, never open)', async () => {
    const app = Fastify();
    await app.register(errorHandler, { prefix: 'FL_TEST' });
    app.get('/early', async () => 'open');
    await app.register(accessControl, { view: AccessView.of([]), sessionSecret: SESSION_SECRET });
    const response = await app.inject({ url: '/early' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: 'FL_FORBIDDEN', message: 'this route declares no access rule' });
    expect(listRouteAccess(app)).toEqual([]);
    await app.close();
  });

  it('reports each accepted token use, and nothing for sessions or refused tokens', async () => {
    const used: string[] = [];
    const app = Fastify();
    await app.register(accessControl, {
      view: AccessView.of(records),
      sessionSecret: SESSION_SECRET,
      onTokenUsed: (tokenId) => used.push(tokenId),
    });
    app.get('/me', { config: { access: { authenticated: true } } }, async () => 'ok');
    await app.inject({ url: '/me', headers: bearer(readToken.secret) });
    await app.inject({ url: '/me', headers: bearer(revokedToken.secret) });
    await app.inject({ url: '/me', headers: cookieOf('alice') });
    expect(used).toEqual([readToken.record.tokenId]);
    await app.close();
  });

  it('refuses a short session secret', async () => {
    const app = Fastify();
    await expect(
      app.register(accessControl, { view: AccessView.of([]), sessionSecret: 'short' }),
    ).rejects.toThrow(/at least 32/);
    await app.close();
  });

  it('answers 503 FL_ACCESS_NOT_READY on protected routes until the view is ready; public routes answer', async () => {
    const view = new AccessView();
    const app = await buildTestApp(view);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const early = await app.inject({ url: '/auth/me', headers: cookieOf('owner') });
    expect(early.statusCode).toBe(503);
    expect(early.json().error).toBe('FL_ACCESS_NOT_READY');
    view.apply('user:owner', user('owner', { owner: true }));
    view.markReady();
    expect((await app.inject({ url: '/auth/me', headers: cookieOf('owner') })).statusCode).toBe(200);
    view.markFailed(new Error('reader crashed'));
    expect((await app.inject({ url: '/auth/me', headers: cookieOf('owner') })).statusCode).toBe(503);
    await app.close();
  });
});
