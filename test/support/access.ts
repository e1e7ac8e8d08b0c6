/**
 * Credentials for tests: a private `access` topic (and `audit` next to it) under a topic prefix,
 * records written with the real codec as the metrics admin API writes them, and an AccessView
 * that services under test verify against. `owner` is an owner token ready at start.
 */
import { randomBytes } from 'node:crypto';
import { AccessView, type ServiceAccess, startAccessView } from '@faultline/access';
import {
  type AccessRecord,
  type AuditRecord,
  accessKey,
  accessRecordCodec,
  auditRecordCodec,
  type ProjectRole,
  type TokenRecord,
  type TokenScope,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  createBatchingProducer,
  createKafka,
  ensureTopics,
  serviceTopicSpecs,
} from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import type { Kafka } from 'kafkajs';
import { token as tokenRecord, user } from '../../packages/access/test/support/records.js';
import { waitFor } from './wait.js';

/** A user record (`User <id>`, not the owner, enabled), fields overridable. */
export { user };

/** The session secret test apps are built with (`auth.sessionSecret`). */
export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef';

const SCOPE_OF: Record<ProjectRole, TokenScope> = { viewer: 'read', responder: 'respond', admin: 'admin' };
const logger = createLogger({ service: 'test-access', level: process.env.LOG_LEVEL ?? 'silent' });

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export interface IssuedToken {
  tokenId: string;
  secret: string;
  /** `{ authorization: 'Bearer <secret>' }` */
  headers: { authorization: string };
}

export class TestAccess {
  readonly sessionSecret = TEST_SESSION_SECRET;
  /** An owner token (admin on `*`, of the owner user `owner`). */
  owner!: IssuedToken;

  private constructor(
    readonly kafka: Kafka,
    /** The prefix the `access` and `audit` topics are under. */
    readonly topicPrefix: string,
    readonly view: AccessView,
    private readonly stopView: () => Promise<void>,
    private readonly producer: BatchingProducer,
  ) {}

  /**
   * Makes `<prefix>access` and `<prefix>audit` (as the services do) and starts a view on access.
   * `owner: false` leaves the owner out (a stack's metrics bootstraps its own); `owner` is then unset.
   */
  static async start(options: {
    topicPrefix: string;
    brokers: string[];
    owner?: boolean;
  }): Promise<TestAccess> {
    const kafka = createKafka({ brokers: options.brokers, clientId: 'test-access', logger });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(
        admin,
        serviceTopicSpecs({ topicPrefix: options.topicPrefix, partitions: {} }, ['access', 'audit']),
      );
    } finally {
      await admin.disconnect();
    }
    const running = await startAccessView({
      kafka,
      topic: topicNames(options.topicPrefix).access,
      logger,
      groupIdPrefix: `${options.topicPrefix}test-access`,
    });
    await running.view.ready();
    const producer = await createBatchingProducer(kafka, { logger });
    const access = new TestAccess(kafka, options.topicPrefix, running.view, running.stop, producer);
    if (options.owner !== false) {
      await access.write(user('owner', { owner: true }));
      access.owner = await access.token({ userId: 'owner', projects: ['*'], scope: 'admin' });
    }
    return access;
  }

  /** What a service's app takes (`access` option): this view, the test session secret, its readiness. */
  serviceAccess(): ServiceAccess {
    return serviceAccessOf(this.view);
  }

  get topics() {
    return topicNames(this.topicPrefix);
  }

  /** Writes records in order and waits until this view shows the last of them. */
  async write(...records: AccessRecord[]): Promise<void> {
    for (const record of records)
      await this.producer.send(this.topics.access, {
        key: accessKey(record),
        value: accessRecordCodec.encode(record),
      });
    const last = records.at(-1);
    if (last) await waitFor(() => this.shows(last), 10_000, `access record ${accessKey(last)} in the view`);
  }

  /** A token record (a machine token unless `userId`), written; its secret for requests. */
  async token(fields: Partial<TokenRecord> & Pick<TokenRecord, 'projects' | 'scope'>): Promise<IssuedToken> {
    const { record, secret } = tokenRecord(fields);
    await this.write(record);
    return { tokenId: record.tokenId, secret, headers: bearer(secret) };
  }

  /**
   * A person with `role` on `projectId` (a user, the membership, and a token with the matching
   * scope on `*`, capped by the membership): the usual way a test gets a viewer or responder.
   */
  async person(
    projectId: string,
    role: ProjectRole,
    userId = `u${randomBytes(4).toString('hex')}`,
    name = `User ${userId}`,
  ) {
    await this.write(user(userId, { name }), {
      schemaVersion: 1,
      kind: 'member',
      projectId,
      principal: { userId },
      role,
    });
    return { userId, ...(await this.token({ userId, projects: ['*'], scope: SCOPE_OF[role] })) };
  }

  /** Revokes a token and waits for this view to refuse it. */
  async revoke(tokenId: string): Promise<void> {
    const token = this.view.token(tokenId);
    if (!token) throw new Error(`no token ${tokenId}`);
    await this.write({ ...token, revokedAt: new Date().toISOString() });
  }

  async stop(): Promise<void> {
    await this.producer.close();
    await this.stopView();
  }

  private shows(record: AccessRecord): boolean {
    const key = accessKey(record);
    const json = JSON.stringify(record);
    return this.view.list(record.kind).some((r) => accessKey(r) === key && JSON.stringify(r) === json);
  }
}

/** A service's `access` option over `view` (as startServiceAccess makes it), with the test session secret. */
export function serviceAccessOf(view: AccessView, sessionSecret = TEST_SESSION_SECRET): ServiceAccess {
  return {
    view,
    sessionSecret,
    readiness: {
      name: 'access-view',
      check: async () => {
        if (!view.isReady()) throw new Error('the access view is not following the access topic');
      },
    },
  };
}

/**
 * For unit tests without Kafka: a ready in-memory view holding one machine token per name
 * (`scope` on `projects`), and the secrets by name.
 */
export function memoryAccess(
  names: readonly string[],
  grant: Pick<TokenRecord, 'projects' | 'scope'> = { projects: ['*'], scope: 'read' },
): { access: ServiceAccess; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const records = names.map((name) => {
    const { record, secret } = tokenRecord({ ...grant, name });
    secrets[name] = secret;
    return record;
  });
  return { access: serviceAccessOf(AccessView.of(records)), secrets };
}

/**
 * The first `count` audit records on `access`'s audit topic that pass `filter`, in topic order
 * (one partition per key: a project's records keep their order); fails after `timeoutMs`.
 */
export async function readAudit(
  access: TestAccess,
  count: number,
  filter: (record: AuditRecord) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<AuditRecord[]> {
  const found: AuditRecord[] = [];
  const consumer = access.kafka.consumer({
    groupId: `${access.topicPrefix}audit-reader-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: access.topics.audit, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = auditRecordCodec.decode(message.value);
        if (decoded.ok && filter(decoded.value)) found.push(decoded.value);
      },
    });
    await waitFor(() => found.length >= count, timeoutMs, `${count} audit records`, 50);
    return found.slice(0, count);
  } finally {
    await consumer.disconnect();
  }
}
