import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Ticket } from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildResolutionApp,
  loadResolutionConfig,
  type Resolution,
  resolutionTopicSpecs,
  startResolution,
} from '../../../../services/resolution/src/index.js';
import { TestAccess } from '../../../../test/support/access.js';
import { uniqueName } from '../../../../test/support/endpoints.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec } from '../../../../test/support/history-fixtures.js';

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const payments: GroupSpec = {
  groupId: 'cccccccccccccc01',
  severity: 'low',
  category: 'payment',
  component: 'payment-gateway',
  team: 'payment-team',
  message: 'Card declined by acquirer',
};
const search: GroupSpec = {
  groupId: 'cccccccccccccc02',
  severity: 'medium',
  category: 'general',
  component: 'search',
  team: 'backend-team',
  message: 'Index shard unavailable',
};
const logger = createLogger({ service: 'cli-test', level: 'silent' });
const project = uniqueName('cli-tickets', '_');
// The ticket for a group describes its newest event; the search event is the subject of `create --event`.
const EVENTS = [
  categorized(project, payments, ago(2 * HOUR), { eventId: 'pay-old' }),
  categorized(project, payments, ago(HOUR), { eventId: 'pay-new' }),
  categorized(project, search, ago(HOUR), { eventId: 'search-1' }),
];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}
type Shown = { ticket: Ticket; group?: { status: string; regressed: boolean } };

let db: HistoryDatabase;
let config: ReturnType<typeof loadResolutionConfig>;
let kafka: ReturnType<typeof createKafka>;
let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
let producer: BatchingProducer;
let resolution: Resolution;
let app: Awaited<ReturnType<typeof buildResolutionApp>>;
let env: NodeJS.ProcessEnv;
const prefix = `${uniqueName('it-cli-tickets', '_')}.`;

let access: TestAccess;
/** A responder token per person (FAULTLINE_TOKEN): the actor of a change is whoever's token the CLI sends. */
const tokens = new Map<string, string>();
const PERSON = new Set(['--as']);

/**
 * The installed bin, as a process; async because the resolution app answers from this process.
 * `--as <name>` (the test's, not the CLI's) runs it with that person's token, default `cli`.
 */
function tickets(...given: string[]): Promise<Result> {
  const args: string[] = [];
  let person = 'cli';
  for (let i = 0; i < given.length; i++) {
    if (PERSON.has(given[i] ?? '')) person = given[++i] ?? person;
    else args.push(given[i] ?? '');
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'tickets', ...args, '--project', project],
      { env: { ...env, FAULTLINE_TOKEN: tokens.get(person) }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
async function ticketsJson<T>(...args: string[]): Promise<T> {
  const result = await tickets(...args, '--json');
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

beforeAll(async () => {
  const { redisUrl } = inject('infra');
  db = await historyDatabase();
  config = loadResolutionConfig({
    CLICKHOUSE_DATABASE: db.database,
    KAFKA_BROKERS: inject('infra').kafkaBrokers.join(','),
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}resolution`,
    REDIS_URL: redisUrl,
    FAULTLINE_REDIS_KEY_PREFIX: prefix,
    FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({
      'errors.categorized': 1,
      tickets: 1,
      alerts: 1,
      'alert-commands': 1,
    }),
  });
  await seedHistory(db.client, 'events', `${prefix}errors.categorized`, EVENTS);
  kafka = createKafka({ brokers: config.kafka.brokers, clientId: prefix, logger });
  admin = kafka.admin();
  await admin.connect();
  producer = await createBatchingProducer(kafka, { logger });
  resolution = await startResolution(config, { kafka, admin, producer, clickhouse: db.client, logger });
  access = await TestAccess.start({ topicPrefix: prefix, brokers: config.kafka.brokers });
  for (const name of ['cli', 'alice', 'bob', 'dave'])
    tokens.set(name, (await access.person(project, 'responder', name, name)).secret);
  app = await buildResolutionApp({
    access: access.serviceAccess(),
    clickhouse: db.client,
    tickets: resolution.tickets,
    investigation: resolution.investigation,
    logger,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  env = { ...process.env, FAULTLINE_RESOLUTION_URL: `http://127.0.0.1:${port}` };
});

afterAll(async () => {
  await resolution?.stop();
  await app?.close();
  await access?.stop();
  await producer?.close();
  const redis = new Redis(inject('infra').redisUrl);
  const keys = await redis.keys(`{${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await admin
    ?.deleteTopics({
      topics: resolutionTopicSpecs(config.kafka).map((spec) => spec.topic),
    })
    .catch(() => {});
  await admin?.disconnect();
  await db?.drop();
});

describe('faultline tickets', () => {
  let groupTicket: Ticket;
  let titleTicket: Ticket;

  it('creates a ticket for a group from its newest event, once (--json)', async () => {
    const created = await ticketsJson<{ created: boolean; ticket: Ticket }>(
      'create',
      '--group',
      payments.groupId,
      '--as',
      'alice',
    );
    groupTicket = created.ticket;
    expect(created.created).toBe(true);
    expect(groupTicket).toMatchObject({
      projectId: project,
      groupId: payments.groupId,
      title: 'payment-gateway: Card declined by acquirer',
      assignee: 'payment-team',
      severity: 'low',
      status: 'open',
      steps: [],
    });
    expect(groupTicket.description).toContain('pay-new');
    expect(groupTicket.description).not.toContain('pay-old');

    const again = await ticketsJson<{ created: boolean; ticket: Ticket }>(
      'create',
      '--group',
      payments.groupId,
    );
    expect(again).toMatchObject({ created: false, ticket: { ticketId: groupTicket.ticketId } });
  });

  it('creates from an event and from a title, printing the ticket line without --json', async () => {
    const fromEvent = await ticketsJson<{ ticket: Ticket }>('create', '--event', 'search-1', '--as', 'bob');
    expect(fromEvent.ticket).toMatchObject({
      groupId: search.groupId,
      title: 'search: Index shard unavailable',
      assignee: 'backend-team',
      status: 'open',
    });
    expect(fromEvent.ticket.description).toContain('search-1');

    const plain = await tickets(
      'create',
      '--title',
      'checkout: slow page',
      '--assignee',
      'frontend-team',
      '--as',
      'dave',
    );
    expect(plain.code, plain.stderr).toBe(0);
    const [first] = plain.stdout.split('\n');
    expect(first).toMatch(/^\S+\topen\tfrontend-team\tcheckout: slow page$/);
    const ticketId = first?.split('\t')[0] ?? '';
    titleTicket = (await ticketsJson<Shown>('show', ticketId)).ticket;
    expect(titleTicket).toMatchObject({ ticketId, title: 'checkout: slow page', status: 'open' });
    expect(titleTicket.groupId).toBeUndefined();
  });

  it('records a step and a reassignment, and shows them', async () => {
    const stepped = await ticketsJson<{ ticket: Ticket }>(
      'step',
      groupTicket.ticketId,
      '--action',
      'investigating',
      '--description',
      'looking at the acquirer',
      '--status',
      'in-progress',
      '--as',
      'alice',
    );
    expect(stepped.ticket).toMatchObject({ status: 'in-progress', assignee: 'payment-team' });
    expect(stepped.ticket.steps).toHaveLength(1);

    const assigned = await tickets(
      'assign',
      groupTicket.ticketId,
      'infrastructure-team',
      '--as',
      'alice',
      '--description',
      'infra owns the acquirer link',
    );
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout.split('\n')[0]).toBe(
      `${groupTicket.ticketId}\tin-progress\tinfrastructure-team\t${groupTicket.title}`,
    );
    expect(assigned.stdout).toMatch(/ alice reassign: infra owns the acquirer link$/m);

    const shown = await ticketsJson<Shown>('show', groupTicket.ticketId);
    expect(shown.ticket).toMatchObject({ status: 'in-progress', assignee: 'infrastructure-team' });
    expect(shown.ticket.steps.map((s) => [s.author, s.action, s.description])).toEqual([
      ['alice', 'investigating', 'looking at the acquirer'],
      ['alice', 'reassign', 'infra owns the acquirer link'],
    ]);
    // A group is only open or resolved; in-progress is the ticket's.
    expect(shown.group).toMatchObject({ status: 'open', regressed: false });

    const plain = await tickets('show', groupTicket.ticketId);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n').slice(0, 1)).toEqual([
      `${groupTicket.ticketId}\tin-progress\tinfrastructure-team\t${groupTicket.title}`,
    ]);
    expect(plain.stdout).toMatch(/ alice investigating: looking at the acquirer$/m);
  });

  it('lists every ticket of the project, by status and by group', async () => {
    const all = await ticketsJson<{ tickets: Ticket[] }>('list');
    expect(all.tickets).toHaveLength(3);
    expect(all.tickets.map((t) => t.ticketId)).toEqual(
      expect.arrayContaining([groupTicket.ticketId, titleTicket.ticketId]),
    );
    const inProgress = await ticketsJson<{ tickets: Ticket[] }>('list', '--status', 'in-progress');
    expect(inProgress.tickets.map((t) => t.ticketId)).toEqual([groupTicket.ticketId]);
    const ofGroup = await ticketsJson<{ tickets: Ticket[] }>('list', '--group', payments.groupId);
    expect(ofGroup.tickets.map((t) => t.ticketId)).toEqual([groupTicket.ticketId]);
    const ofNoGroup = await ticketsJson<{ tickets: Ticket[] }>('list', '--group', 'no-such-group');
    expect(ofNoGroup.tickets).toEqual([]);

    const plain = await tickets('list', '--status', 'open');
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContain(`${titleTicket.ticketId}\topen\tfrontend-team\tcheckout: slow page`);
    expect(lines.every((l) => l.split('\t')[1] === 'open')).toBe(true);
  });

  it('resolves a ticket and its group (--json and plain)', async () => {
    const resolved = await ticketsJson<{ ticket: Ticket }>(
      'resolve',
      groupTicket.ticketId,
      '--as',
      'bob',
      '--description',
      'acquirer timeout raised',
    );
    expect(resolved.ticket).toMatchObject({
      status: 'resolved',
      resolution: { description: 'acquirer timeout raised', resolver: 'bob' },
    });
    expect(resolved.ticket.resolvedAt).toBeDefined();
    const shown = await ticketsJson<Shown>('show', groupTicket.ticketId);
    expect(shown.group).toMatchObject({ status: 'resolved' });

    const plain = await tickets('resolve', titleTicket.ticketId, '--as', 'dave', '--description', 'cdn');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.split('\n')[0]).toBe(
      `${titleTicket.ticketId}\tresolved\tfrontend-team\tcheckout: slow page`,
    );

    const done = await ticketsJson<{ tickets: Ticket[] }>('list', '--status', 'resolved');
    expect(done.tickets.map((t) => t.ticketId).sort()).toEqual(
      [groupTicket.ticketId, titleTicket.ticketId].sort(),
    );
  });

  it('fails with a coded error for an unknown ticket, and with usage for a missing argument', async () => {
    // The CLI's one error shape: `error: <code>: <message>` on stderr, or {error: {code, message}} with --json.
    const plain = await tickets('show', 'tk-nope');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^error: FL_TICKET_NOT_FOUND: /);
    const json = await tickets('resolve', 'tk-nope', '--as', 'bob', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'FL_TICKET_NOT_FOUND' } });
    const usage = await tickets('step', groupTicket.ticketId);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: faultline tickets /m);
  });
});
