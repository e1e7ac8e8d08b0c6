import Fastify, { type FastifyInstance } from 'fastify';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessControl,
  newSessionId,
  type RunningAccessView,
  SESSION_COOKIE,
  signSession,
  startAccessView,
} from '../../src/index.js';
import { buildTestApp, SESSION_SECRET } from '../support/app.js';
import {
  AccessWriter,
  createAccessTopic,
  deleteTopic,
  testKafka,
  testLogger,
  waitFor,
} from '../support/kafka.js';
import { member, token, user } from '../support/records.js';

/** The plugin with the real AccessView on the real Kafka: what every service will run. */
describe('accessControl with an AccessView on Kafka', () => {
  let kafka: Kafka;
  let topic: string;
  let writer: AccessWriter;
  let reader: RunningAccessView;
  let app: FastifyInstance;
  const responder = token({ projects: ['checkout'], scope: 'respond' });
  const reader1 = token({ projects: ['checkout'], scope: 'read' });
  const acknowledge = (projectId: string) => `/api/v1/projects/${projectId}/alerts/a1/acknowledge`;
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const session = (userId: string) => ({
    cookie: `${SESSION_COOKIE}=${signSession({ userId, sessionId: newSessionId(), expiresAt: new Date(Date.now() + 3600_000) }, SESSION_SECRET)}`,
  });

  beforeAll(async () => {
    kafka = testKafka();
    topic = await createAccessTopic(kafka);
    writer = await AccessWriter.open(kafka, topic);
    await writer.write(
      user('alice'),
      user('bob'),
      member('checkout', { userId: 'alice' }, 'responder'),
      member('billing', { userId: 'bob' }, 'admin'),
      responder.record,
      reader1.record,
    );
    reader = await startAccessView({ kafka, topic, logger: testLogger });
    await reader.view.ready();
    app = await buildTestApp(reader.view);
  });
  afterAll(async () => {
    await app?.close();
    await reader?.stop();
    await writer?.close();
    await deleteTopic(kafka, topic);
  });

  it.each([
    { name: 'anonymous', headers: {}, status: 401, error: 'FL_AUTH_REQUIRED' },
    { name: 'read token', headers: bearer(reader1.secret), status: 403, error: 'FL_FORBIDDEN' },
    { name: 'respond token', headers: bearer(responder.secret), status: 200 },
    {
      name: "another project's admin (session)",
      headers: session('bob'),
      status: 403,
      error: 'FL_FORBIDDEN',
    },
    { name: 'responder (session)', headers: session('alice'), status: 200 },
  ])('acknowledge on checkout: $name -> $status', async ({ headers, status, error }) => {
    const response = await app.inject({ method: 'POST', url: acknowledge('checkout'), headers });
    expect(response.statusCode).toBe(status);
    if (error) expect(response.json()).toEqual({ error, message: expect.any(String) });
  });

  it('a revoked token and a removed member stop working within 5 seconds', async () => {
    const ok = async (headers: Record<string, string>) =>
      (await app.inject({ method: 'POST', url: acknowledge('checkout'), headers })).statusCode;
    expect(await ok(bearer(responder.secret))).toBe(200);
    expect(await ok(session('alice'))).toBe(200);

    const sentAt = Date.now();
    await writer.write(
      { ...responder.record, revokedAt: new Date().toISOString() },
      { tombstone: 'member:checkout:u:alice' },
    );
    await waitFor(
      async () => (await ok(bearer(responder.secret))) === 401,
      5000,
      'the revoked token refused',
      50,
    );
    await waitFor(async () => (await ok(session('alice'))) === 403, 5000, 'the removed member refused', 50);
    expect(Date.now() - sentAt).toBeLessThan(5000);
  });

  it('refuses to register a route without a rule', async () => {
    const bare = Fastify();
    await bare.register(accessControl, { view: reader.view, sessionSecret: SESSION_SECRET });
    expect(() =>
      bare.post('/api/v1/projects/:projectId/alerts/:alertId/resolve', async () => 'done'),
    ).toThrow('route POST /api/v1/projects/:projectId/alerts/:alertId/resolve has no config.access rule');
    await bare.close();
  });
});
