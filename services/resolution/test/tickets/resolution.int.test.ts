import {
  type AlertCommand,
  type AlertSignal,
  alertCommandCodec,
  alertSignalCodec,
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  type TicketEvent,
  ticketEventCodec,
  topicNames,
} from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka } from '@faultline/kafka';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type IssuedToken, readAudit, TestAccess } from '../../../../test/support/access.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { alertEvent, categorized, type GroupSpec } from '../../../../test/support/history-fixtures.js';
import { buildResolutionApp } from '../../src/api/build-app.js';
import { loadResolutionConfig } from '../../src/config.js';
import { type Resolution, startResolution } from '../../src/start-resolution.js';
import { logger, uniqueName, waitFor } from '../support/infra.js';
import { readTopic } from './topic-reader.js';

const payments: GroupSpec = {
  groupId: 'aaaaaaaaaaaaaa01',
  severity: 'critical',
  category: 'system',
  component: 'payment-gateway',
  team: 'payment-team',
  message:
    'Payment processing failed for order 12345 because the upstream acquirer returned an unexpected response code',
};
const lowGroup: GroupSpec = {
  ...payments,
  groupId: 'aaaaaaaaaaaaaa02',
  severity: 'low',
  message: 'Button misaligned',
};
const sentinel: GroupSpec = {
  ...payments,
  groupId: 'aaaaaaaaaaaaaa04',
  message: 'Database connection failed',
};
const quiet: GroupSpec = {
  ...payments,
  groupId: 'aaaaaaaaaaaaaa05',
  severity: 'medium',
  message: 'Slow avatar upload',
};
const releases: GroupSpec = {
  ...payments,
  groupId: 'aaaaaaaaaaaaaa03',
  severity: 'high',
  message: 'Unauthorized access to /admin',
};

describe('tickets, resolution and regressions through Kafka, Redis and ClickHouse', () => {
  let db: HistoryDatabase;
  const prefix = `${uniqueName('it-tickets')}.`;
  const topics = topicNames(prefix);
  const project = uniqueName('p');
  let kafka: ReturnType<typeof createKafka>;
  let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
  let producer: BatchingProducer;
  let redis: Redis;
  let resolution: Resolution;
  let offset = 0;
  let app: FastifyInstance;
  let ticketEvents: { values: TicketEvent[]; stop(): Promise<void> };
  let commands: { values: AlertCommand[]; stop(): Promise<void> };
  let signals: { values: AlertSignal[]; stop(): Promise<void> };

  // Each event as the running system has it: on errors.categorized, and stored by metrics in ClickHouse.
  const send = async (event: CategorizedEvent) => {
    await seedHistory(db.client, 'events', topics.errorsCategorized, [event], offset++);
    await producer.send(topics.errorsCategorized, {
      key: categorizedKey(event.event.projectId, event.groupId),
      value: categorizedEventCodec.encode(event),
    });
  };
  let access: TestAccess;
  /** Responders of the project, by name: each request is made as the person its body names (a field the API no longer reads). */
  const people = new Map<string, IssuedToken>();
  const as = async (name: string) => {
    let person = people.get(name);
    if (!person) {
      person = await access.person(project, 'responder', name, name);
      people.set(name, person);
    }
    return person.headers;
  };
  const api = async (method: 'GET' | 'POST', url: string, body?: Record<string, unknown>) => {
    const { actor, author, resolver, ...payload } = body ?? {};
    const name = [actor, author, resolver].find((v) => typeof v === 'string') as string | undefined;
    return app.inject({
      method,
      url: `/api/v1/projects/${project}${url}`,
      headers: await as(name ?? 'reader'),
      ...(body ? { payload } : {}),
    });
  };
  const ticketOf = async (groupId: string) => {
    const list = (await api('GET', '/tickets')).json() as {
      tickets: { groupId?: string; ticketId: string }[];
    };
    return list.tickets.filter((t) => t.groupId === groupId);
  };
  const event = (spec: GroupSpec, extra: Partial<CategorizedEvent['event']> = {}) => {
    const value = categorized(project, spec, new Date().toISOString());
    value.event = { ...value.event, receivedAt: new Date().toISOString(), ...extra };
    return value;
  };

  beforeAll(async () => {
    const { redisUrl } = inject('infra');
    db = await historyDatabase();
    const config = loadResolutionConfig({
      CLICKHOUSE_DATABASE: db.database,
      KAFKA_BROKERS: inject('infra').kafkaBrokers.join(','),
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_CONSUMER_GROUP_ID: `${prefix}resolution`,
      FAULTLINE_CONSUMER_FROM_BEGINNING: 'true',
      REDIS_URL: redisUrl,
      FAULTLINE_REDIS_KEY_PREFIX: `${prefix}`,
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({
        'errors.categorized': 1,
        'alert-events': 1,
        tickets: 1,
        alerts: 1,
        'alert-commands': 1,
      }),
    });
    kafka = createKafka({ brokers: config.kafka.brokers, clientId: prefix, logger });
    admin = kafka.admin();
    await admin.connect();
    producer = await createBatchingProducer(kafka, { logger });
    redis = new Redis(redisUrl);
    // Creates the topics it reads and writes.
    resolution = await startResolution(config, { kafka, admin, producer, clickhouse: db.client, logger });
    access = await TestAccess.start({ topicPrefix: prefix, brokers: config.kafka.brokers });
    app = await buildResolutionApp({
      access: access.serviceAccess(),
      clickhouse: db.client,
      tickets: resolution.tickets,
      investigation: resolution.investigation,
    });
    ticketEvents = await readTopic(kafka, topics.tickets, ticketEventCodec, `${prefix}read-tickets`);
    commands = await readTopic(kafka, topics.alertCommands, alertCommandCodec, `${prefix}read-commands`);
    signals = await readTopic(kafka, topics.alerts, alertSignalCodec, `${prefix}read-alerts`);
  });

  afterAll(async () => {
    await Promise.allSettled([ticketEvents?.stop(), commands?.stop(), signals?.stop()]);
    await resolution?.stop();
    await app?.close();
    await access?.stop();
    await producer?.close();
    const keys = await redis.keys(`{${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin?.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
    await admin?.disconnect();
    await db?.drop();
  });

  it('opens one ticket per critical group, assigned by the rules, even when the event is delivered twice', async () => {
    const first = event(payments);
    await send(first);
    await send(first);
    await send(event(lowGroup));
    await send(event(sentinel));
    // One partition, in order: once the sentinel's ticket exists, every earlier event was handled.
    await waitFor(async () => (await ticketOf(sentinel.groupId)).length > 0, 30_000, 'the sentinel ticket');
    expect(await ticketOf(lowGroup.groupId)).toEqual([]);
    const tickets = await ticketOf(payments.groupId);
    expect(tickets).toHaveLength(1);
    const { ticket } = (await api('GET', `/tickets/${tickets[0]?.ticketId}`)).json();
    expect(ticket).toMatchObject({
      title: `payment-gateway: ${payments.message.slice(0, 100)}`,
      assignee: 'payment-team',
      status: 'open',
      severity: 'critical',
    });
    expect(ticket.description).toContain(first.event.eventId);
    await waitFor(
      () => ticketEvents.values.some((e) => e.ticket.ticketId === ticket.ticketId),
      30_000,
      'the created event',
    );
    expect(
      ticketEvents.values.filter((e) => e.ticket.ticketId === ticket.ticketId).map((e) => e.type),
    ).toEqual(['created']);
  });

  it('records steps and reassignments with read-your-writes, and resolves the group and its alerts', async () => {
    const [{ ticketId } = { ticketId: '' }] = await ticketOf(payments.groupId);
    const step = await api('POST', `/tickets/${ticketId}/steps`, {
      action: 'investigating',
      description: 'looking at the acquirer',
      author: 'alice',
      status: 'in-progress',
    });
    expect(step.statusCode).toBe(200);
    const reassign = await api('POST', `/tickets/${ticketId}/steps`, {
      action: 'reassign',
      description: 'infra owns the acquirer link',
      author: 'alice',
      assignee: 'infrastructure-team',
    });
    expect(reassign.json().ticket.assignee).toBe('infrastructure-team');
    const read = (await api('GET', `/tickets/${ticketId}`)).json();
    expect(read.ticket).toMatchObject({ status: 'in-progress', assignee: 'infrastructure-team' });
    expect(read.ticket.steps.map((s: { action: string }) => s.action)).toEqual(['investigating', 'reassign']);

    // Alerts as the alerter reported them: one scoped to the group, one project-wide with only its samples, one mixed.
    const sample = (groupId: string) => ({
      eventId: 'e1',
      groupId,
      message: 'x',
      timestamp: new Date().toISOString(),
    });
    const now = new Date().toISOString();
    await seedHistory(
      db.client,
      'alert_events',
      topics.alertEvents,
      [
        alertEvent(project, 'al-scoped', 'fired', 'firing', 'critical', now, {}),
        alertEvent(project, 'al-samples', 'fired', 'firing', 'critical', now),
        alertEvent(project, 'al-mixed', 'fired', 'firing', 'critical', now),
        alertEvent(project, 'al-done', 'resolved', 'resolved', 'critical', now),
      ].map((e) => {
        if (e.alert.alertId === 'al-scoped') e.alert.scope.groupId = payments.groupId;
        if (e.alert.alertId === 'al-samples' || e.alert.alertId === 'al-done')
          e.alert.samples = [sample(payments.groupId)];
        if (e.alert.alertId === 'al-mixed')
          e.alert.samples = [sample(payments.groupId), sample(lowGroup.groupId)];
        return e;
      }),
    );

    const resolved = await api('POST', `/tickets/${ticketId}/resolve`, {
      description: 'acquirer timeout raised',
      resolver: 'bob',
    });
    expect(resolved.statusCode).toBe(200);
    const after = (await api('GET', `/tickets/${ticketId}`)).json();
    expect(after.ticket).toMatchObject({
      status: 'resolved',
      resolution: { description: 'acquirer timeout raised', resolver: 'bob' },
    });
    expect(after.group).toMatchObject({ status: 'resolved', regressed: false, resolve: { mode: 'now' } });

    await waitFor(() => commands.values.length >= 2, 30_000, 'resolve commands');
    expect(commands.values.map((c) => c.alertId).sort()).toEqual(['al-samples', 'al-scoped']);
    expect(commands.values.every((c) => c.action === 'resolve' && c.actor === 'bob')).toBe(true);
    await waitFor(
      () =>
        ['status-changed', 'assigned', 'resolved'].every((t) =>
          ticketEvents.values.some((e) => e.type === t),
        ),
      30_000,
      'ticket events',
    );
  });

  it('reopens a resolved group on its next event, marks it regressed and raises an alert', async () => {
    const [{ ticketId } = { ticketId: '' }] = await ticketOf(payments.groupId);
    const again = event(payments);
    await send(again);
    await waitFor(
      async () => (await api('GET', `/tickets/${ticketId}`)).json().ticket.status === 'open',
      30_000,
      'the reopening',
    );
    const read = (await api('GET', `/tickets/${ticketId}`)).json();
    expect(read.group).toMatchObject({ status: 'open', regressed: true });
    expect(read.ticket.steps.at(-1)).toMatchObject({ action: 'regressed', author: 'faultline' });
    expect(read.ticket.steps.at(-1).description).toContain(again.event.eventId);
    expect(await ticketOf(payments.groupId)).toHaveLength(1);
    await waitFor(() => signals.values.length > 0, 30_000, 'the regression alert');
    expect(signals.values).toHaveLength(1);
    expect(signals.values[0]).toMatchObject({
      kind: 'new',
      severity: 'critical',
      scope: { projectId: project, groupId: payments.groupId },
      samples: [{ eventId: again.event.eventId }],
    });
    expect(ticketEvents.values.some((e) => e.type === 'reopened' && e.ticket.ticketId === ticketId)).toBe(
      true,
    );
  });

  it('resolved in the next release reopens only on a newer release', async () => {
    await send(event(releases, { release: '1.2.0' }));
    await waitFor(async () => (await ticketOf(releases.groupId)).length > 0, 30_000, 'the high ticket');
    const [{ ticketId } = { ticketId: '' }] = await ticketOf(releases.groupId);
    const resolved = await api('POST', `/tickets/${ticketId}/resolve`, {
      description: 'fixed in the next deploy',
      resolver: 'carol',
      inNextRelease: true,
      release: '1.2.0',
    });
    expect(resolved.json().ticket.status).toBe('resolved');
    expect((await api('GET', `/tickets/${ticketId}`)).json().group.resolve).toEqual({
      mode: 'next-release',
      release: '1.2.0',
    });

    // Same partition, in order: the old release and one without any must not reopen; 1.10.0 (> 1.2.0 by semver, < by string) must.
    const same = event(releases, { release: '1.2.0' });
    const older = event(releases, { release: '1.1.9' });
    const none = event(releases);
    const newer = event(releases, { release: '1.10.0' });
    for (const e of [same, older, none, newer]) await send(e);
    await waitFor(
      async () => (await api('GET', `/tickets/${ticketId}`)).json().ticket.status === 'open',
      30_000,
      'the reopening',
    );
    const steps = (await api('GET', `/tickets/${ticketId}`)).json().ticket.steps;
    expect(steps.filter((s: { action: string }) => s.action === 'regressed')).toHaveLength(1);
    expect(steps.at(-1).description).toContain(newer.event.eventId);
  });

  it('answers every field the store holds: the response schemas serialize and drop nothing', async () => {
    // A medium group gets no automatic ticket; this one is opened by hand with every optional field set.
    await send(event(quiet));
    const { store } = resolution.tickets;
    const created = await api('POST', '/tickets', { groupId: quiet.groupId, actor: 'erin' });
    expect(created.statusCode).toBe(201);
    const { ticketId } = created.json().ticket;
    const stored = () => store.getTicket(project, ticketId);
    expect(created.json()).toEqual({ created: true, ticket: await stored() });

    const step = await api('POST', `/tickets/${ticketId}/steps`, {
      action: 'triage',
      description: 'looking',
      author: 'erin',
      status: 'in-progress',
      assignee: 'media-team',
    });
    expect(step.json()).toEqual({ ticket: await stored() });
    const resolved = await api('POST', `/tickets/${ticketId}/resolve`, {
      description: 'smaller images',
      resolver: 'erin',
      inNextRelease: true,
      release: '4.0.0',
    });
    const ticket = await stored();
    expect(Object.keys(ticket ?? {}).sort()).toEqual(
      [
        'ticketId',
        'projectId',
        'groupId',
        'title',
        'description',
        'severity',
        'assignee',
        'status',
        'steps',
        'createdAt',
        'resolvedAt',
        'resolution',
      ].sort(),
    );
    expect(resolved.json()).toEqual({ ticket });
    expect((await api('GET', `/tickets/${ticketId}`)).json()).toEqual({
      ticket,
      group: { status: 'resolved', regressed: false, resolve: { mode: 'next-release', release: '4.0.0' } },
    });
    expect((await api('GET', `/tickets?groupId=${quiet.groupId}`)).json()).toEqual({
      tickets: await store.list(project, { groupId: quiet.groupId, limit: 100 }),
    });

    const reopened = await api('POST', `/tickets/${ticketId}/reopen`, { actor: 'erin', description: 'back' });
    expect(reopened.json()).toEqual({ ticket: await stored() });
  });

  it('creates on demand, rejects bad input and unknown tickets with codes', async () => {
    const created = await api('POST', '/tickets', {
      title: 'checkout: slow page',
      actor: 'dave',
      assignee: 'frontend-team',
    });
    expect(created.statusCode).toBe(201);
    const { ticket } = created.json();
    expect((await api('GET', `/tickets/${ticket.ticketId}`)).json().ticket).toMatchObject({
      title: 'checkout: slow page',
      status: 'open',
    });
    const forGroup = await api('POST', '/tickets', { groupId: lowGroup.groupId, actor: 'dave' });
    expect(forGroup.statusCode).toBe(201);
    expect(forGroup.json().ticket).toMatchObject({
      title: 'payment-gateway: Button misaligned',
      assignee: 'payment-team',
      severity: 'low',
    });
    const twice = await api('POST', '/tickets', { groupId: lowGroup.groupId, actor: 'dave' });
    expect(twice.json()).toMatchObject({
      created: false,
      ticket: { ticketId: forGroup.json().ticket.ticketId },
    });

    expect((await api('GET', '/tickets/tk-nope')).json()).toMatchObject({ error: 'FL_TICKET_NOT_FOUND' });
    expect((await api('POST', '/tickets', { groupId: 'ffffffffffffffff', actor: 'dave' })).statusCode).toBe(
      404,
    );
    expect((await api('POST', '/tickets', { actor: 'dave' })).statusCode).toBe(409);
    const badStatus = await api('POST', `/tickets/${ticket.ticketId}/steps`, {
      action: 'x',
      author: 'a',
      status: 'resolved',
    });
    expect(badStatus.statusCode).toBe(400);
    await api('POST', `/tickets/${ticket.ticketId}/resolve`, { description: 'done', resolver: 'dave' });
    const stepOnResolved = await api('POST', `/tickets/${ticket.ticketId}/steps`, {
      action: 'x',
      author: 'a',
    });
    expect(stepOnResolved.json()).toMatchObject({ error: 'FL_TICKET_INVALID_TRANSITION' });
    const reopened = await api('POST', `/tickets/${ticket.ticketId}/reopen`, {
      actor: 'dave',
      description: 'not fixed',
    });
    expect(reopened.json().ticket.status).toBe('open');
    expect(reopened.json().ticket.steps.at(-1)).toMatchObject({ action: 'reopened', author: 'dave' });
  });

  it('takes the actor from the credential, never the body; a viewer reads but cannot change; each change is audited', async () => {
    const viewer = await access.person(project, 'viewer');
    const outsider = await access.person('elsewhere', 'admin');
    const url = `/api/v1/projects/${project}/tickets`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: viewer.headers })).statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url,
      headers: viewer.headers,
      payload: { title: 'nope' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'FL_FORBIDDEN' });

    const created = await app.inject({
      method: 'POST',
      url,
      headers: await as('erin'),
      payload: { title: 'claimed by someone else', actor: 'mallory' },
    });
    expect(created.statusCode).toBe(201);
    const { ticketId } = created.json().ticket as { ticketId: string };
    await app.inject({
      method: 'POST',
      url: `${url}/${ticketId}/steps`,
      headers: await as('erin'),
      payload: { action: 'handover', author: 'mallory', assignee: 'infrastructure-team' },
    });
    const read = (
      await app.inject({ method: 'GET', url: `${url}/${ticketId}`, headers: viewer.headers })
    ).json();
    expect(read.ticket.steps.at(-1)).toMatchObject({ action: 'handover', author: 'erin' });
    await waitFor(
      () => ticketEvents.values.some((e) => e.ticket.ticketId === ticketId && e.type === 'created'),
      30_000,
      'the created event',
    );
    expect(ticketEvents.values.find((e) => e.ticket.ticketId === ticketId)?.actor).toBe('erin');

    const audited = await readAudit(access, 2, (r) => r.target === ticketId);
    expect(audited.map((r) => [r.action, r.actor.id, r.projectId])).toEqual([
      ['ticket.create', 'erin', project],
      ['ticket.assign', 'erin', project],
    ]);
  });
});
