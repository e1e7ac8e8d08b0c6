import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditor } from '@faultline/access';
import { type AlertCommand, alertCommandCodec, alertEventCodec, topicNames } from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import type { FastifyInstance } from 'fastify';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../../src/api/build-app.js';
import { type LiveFeed, LiveHub, startLiveFeed } from '../../src/dashboard/index.js';
import { alertCommandsTopicSpecs } from '../../src/dashboard/topics.js';
import { alertEventRow } from '../../src/ingest/rows.js';
import { metricsTopicSpecs } from '../../src/topics.js';
import { readAudit, TestAccess } from '../support/access.js';
import { logger, seed, testDatabase } from '../support/database.js';
import { alertEvent } from '../support/fixtures.js';
import { infraEndpoints, uniqueName, waitFor } from '../support/infra.js';

/**
 * The dashboard's server side against the shared Kafka and ClickHouse: the page is served, an
 * alert-event produced to the topic reaches an SSE subscriber, and a button press becomes an
 * AlertCommand on alert-commands (only for alerts of the project).
 */
describe('dashboard routes', () => {
  const prefix = `${uniqueName('dash')}.`;
  const topics = topicNames(prefix);
  const kafka = createKafka({ brokers: infraEndpoints().kafkaBrokers, clientId: 'dashboard-test', logger });
  const webRoot = mkdtempSync(join(tmpdir(), 'fl-web-'));
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let producer: BatchingProducer;
  let feed: LiveFeed;
  let app: FastifyInstance;
  let baseUrl: string;
  let commands: Consumer;
  const received: AlertCommand[] = [];
  let access: TestAccess;
  let owner: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Faultline dashboard</title>');
    writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
    db = await testDatabase({ FAULTLINE_TOPIC_PREFIX: prefix });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [
      ...metricsTopicSpecs(db.config.kafka),
      ...alertCommandsTopicSpecs(db.config.kafka),
    ]);
    await admin.disconnect();
    producer = await createBatchingProducer(kafka, { logger });
    access = await TestAccess.start({ topicPrefix: prefix, brokers: infraEndpoints().kafkaBrokers });
    owner = access.owner.headers;
    const hub = new LiveHub();
    feed = await startLiveFeed({
      kafka,
      topicPrefix: prefix,
      groupPrefix: uniqueName('dash-it'),
      hub,
      logger,
      maxWaitMs: 100,
    });
    await feed.joined;
    app = await buildMetricsApp({
      access: access.serviceAccess(),
      clickhouse: db.client,
      logger,
      dashboard: {
        hub,
        webRoot,
        resolutionUrl: 'http://resolution.test:8095/',
        sendCommand: async (key, value) => {
          await producer.send(topics.alertCommands, { key, value });
        },
        audit: createAuditor(producer, topics.audit).audit,
      },
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    commands = kafka.consumer({ groupId: uniqueName('dash-commands'), maxWaitTimeInMs: 100 });
    await commands.connect();
    await commands.subscribe({ topics: [topics.alertCommands], fromBeginning: true });
    await commands.run({
      eachMessage: async ({ message }) => {
        const decoded = alertCommandCodec.decode(message.value);
        if (decoded.ok) received.push(decoded.value);
      },
    });
  });

  afterAll(async () => {
    await Promise.allSettled([commands?.disconnect(), feed?.stop()]);
    await app?.close();
    await access?.stop();
    await producer?.close();
    await db?.drop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
    await admin.disconnect();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the built page under /dashboard/, hashed assets cached for good', async () => {
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
    const page = await app.inject({ url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Faultline dashboard');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/dashboard/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/dashboard/../package.json' })).statusCode).toBe(404);
  });

  it('tells the page where the resolution API is (tickets and investigation)', async () => {
    expect((await app.inject({ url: '/api/v1/dashboard/config' })).statusCode).toBe(401);
    const answer = await app.inject({ url: '/api/v1/dashboard/config', headers: owner });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ resolutionUrl: 'http://resolution.test:8095' });
  });

  it('answers 503 with a code when the page is not built', async () => {
    const bare = await buildMetricsApp({
      access: access.serviceAccess(),
      clickhouse: db.client,
      logger,
      dashboard: {
        hub: new LiveHub(),
        webRoot: join(webRoot, 'missing'),
        resolutionUrl: 'http://127.0.0.1:8095',
        sendCommand: async () => {},
        audit: createAuditor(producer, topics.audit).audit,
      },
    });
    const answer = await bare.inject({ url: '/dashboard/' });
    await bare.close();
    expect(answer.statusCode).toBe(503);
    expect(answer.json().error).toBe('FL_DASHBOARD_NOT_BUILT');
  });

  it('streams an alert-event of the project to its subscribers, and not to other projects', async () => {
    // Anonymous callers and another project's members get no stream.
    expect((await fetch(`${baseUrl}/api/v1/projects/shop/live`)).status).toBe(401);
    const outsider = await access.person('other', 'viewer');
    expect((await fetch(`${baseUrl}/api/v1/projects/shop/live`, { headers: outsider.headers })).status).toBe(
      403,
    );
    const shop = await openStream(`${baseUrl}/api/v1/projects/shop/live`, owner);
    const other = await openStream(`${baseUrl}/api/v1/projects/other/live`, outsider.headers);
    try {
      const fired = alertEvent(
        'shop',
        'alert-live-1',
        'fired',
        'firing',
        'critical',
        new Date().toISOString(),
      );
      await producer.send(topics.alertEvents, { key: 'alert-live-1', value: alertEventCodec.encode(fired) });
      await waitFor(() => shop.text().includes('event: alert'), 15_000, 'the alert on the stream');
      const data = /event: alert\ndata: (.*)\n/.exec(shop.text())?.[1];
      expect(JSON.parse(data ?? '{}')).toMatchObject({
        eventId: fired.eventId,
        type: 'fired',
        alert: { alertId: 'alert-live-1', status: 'firing', severity: 'critical' },
      });
      expect(shop.text()).toContain(`id: ${fired.eventId}`);
      expect(other.text()).toContain('event: ready');
      expect(other.text()).not.toContain('event: alert');
    } finally {
      shop.close();
      other.close();
    }
  });

  it('turns acknowledge and resolve into AlertCommands for alerts the project has', async () => {
    // One alert only in ClickHouse (fired before this instance started), one only seen live (above).
    await seed(db.client, 'alert_events', topics.alertEvents, alertEventRow, [
      alertEvent('shop', 'alert-stored-1', 'fired', 'firing', 'high', new Date().toISOString()),
    ]);
    const alice = await access.person('shop', 'responder', 'alice', 'alice');
    const bob = await access.person('shop', 'responder', 'bob', 'bob');
    const viewer = await access.person('shop', 'viewer');
    // A viewer may not acknowledge; the actor named in a body is not believed.
    const refused = await post('/api/v1/projects/shop/alerts/alert-stored-1/acknowledge', {}, viewer.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('FL_FORBIDDEN');
    const ack = await post(
      '/api/v1/projects/shop/alerts/alert-stored-1/acknowledge',
      { actor: 'mallory', reason: 'on it' },
      alice.headers,
    );
    expect(ack.statusCode).toBe(202);
    const resolve = await post('/api/v1/projects/shop/alerts/alert-live-1/resolve', {}, bob.headers);
    expect(resolve.statusCode).toBe(202);

    await waitFor(() => received.length >= 2, 15_000, 'two commands on alert-commands');
    expect(received).toEqual([
      expect.objectContaining({
        alertId: 'alert-stored-1',
        action: 'acknowledge',
        actor: 'alice',
        reason: 'on it',
        commandId: ack.json().commandId,
      }),
      expect.objectContaining({
        alertId: 'alert-live-1',
        action: 'resolve',
        actor: 'bob',
        commandId: resolve.json().commandId,
      }),
    ]);
    const audited = await readAudit(access, 2, (r) => r.action.startsWith('alert.'));
    expect(audited.map((r) => [r.action, r.actor.id, r.projectId, r.target])).toEqual([
      ['alert.acknowledge', 'alice', 'shop', 'alert-stored-1'],
      ['alert.resolve', 'bob', 'shop', 'alert-live-1'],
    ]);
  });

  it.each([
    {
      name: 'an unknown alert',
      url: '/api/v1/projects/shop/alerts/nope/resolve',
      body: { actor: 'a' },
      status: 404,
      error: 'FL_DASHBOARD_ALERT_NOT_FOUND',
    },
    {
      name: 'an alert of another project',
      url: '/api/v1/projects/other/alerts/alert-stored-1/resolve',
      body: { actor: 'a' },
      status: 404,
      error: 'FL_DASHBOARD_ALERT_NOT_FOUND',
    },
    {
      name: 'a live alert of another project',
      url: '/api/v1/projects/other/alerts/alert-live-1/resolve',
      body: { actor: 'a' },
      status: 404,
      error: 'FL_DASHBOARD_ALERT_NOT_FOUND',
    },
    {
      name: 'an overlong reason',
      url: '/api/v1/projects/shop/alerts/alert-stored-1/resolve',
      body: { reason: 'x'.repeat(2049) },
      status: 400,
      error: 'FL_METRICS_INVALID_REQUEST',
    },
    {
      name: 'an unknown action',
      url: '/api/v1/projects/shop/alerts/alert-stored-1/delete',
      body: { actor: 'a' },
      status: 400,
      error: 'FL_METRICS_INVALID_REQUEST',
    },
  ])('refuses $name', async ({ url, body, status, error }) => {
    const answer = await post(url, body);
    expect(answer.statusCode).toBe(status);
    expect(answer.json().error).toBe(error);
  });

  it('lists the projects that have data, those the caller may see', async () => {
    const ids = async (headers: Record<string, string>) =>
      (await app.inject({ url: '/api/v1/projects', headers }))
        .json()
        .projects.map((p: { projectId: string }) => p.projectId);
    expect(await ids(owner)).toEqual(['shop']);
    expect(await ids((await access.person('other', 'viewer')).headers)).toEqual([]);
  });

  function post(url: string, body: unknown, headers: Record<string, string> = owner) {
    return app.inject({ method: 'POST', url, headers, payload: body as Record<string, unknown> });
  }
});

/** An SSE connection whose received text can be read at any time. */
async function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<{ text(): string; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.body) throw new Error('no body');
  let text = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    } catch {
      // aborted
    }
  })();
  await waitFor(() => text.includes('event: ready'), 5000, 'the stream to open');
  return { text: () => text, close: () => controller.abort() };
}
