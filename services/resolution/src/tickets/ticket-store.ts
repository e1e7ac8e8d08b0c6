import { randomUUID } from 'node:crypto';
import type { ResolveMode } from '@faultline/api-contracts';
import type { Ticket } from '@faultline/contracts';
import { execBatch, type RedisClient } from '@faultline/redis';
import { ResolutionError } from '../errors.js';

/** What this service remembers about a group between tickets (its resolution and regression state). */
export interface GroupState {
  /** The group's latest ticket. */
  ticketId?: string;
  status?: 'open' | 'resolved';
  /** Tickets created for the group so far; names the next auto-created ticket deterministically. */
  generation: number;
  resolvedAtMs?: number;
  resolve?: ResolveMode;
  regressed: boolean;
}

/** How long ticket and group state is kept after its last change, unless configured. @default 400 days */
export const DEFAULT_TICKET_RETENTION_SECONDS = 400 * 86_400;

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Current ticket and group state in Redis, the store the API answers from (read-your-writes;
 * ClickHouse's `tickets` table is the eventual history). All keys of a project share one hash
 * tag, so a ticket, its group and the index are written in one MULTI on Redis Cluster too.
 * Ticket text copies event data (message, user, URL), so every key expires `retentionSeconds`
 * after the last change to it; the index lives as long as the project's newest change.
 */
export class TicketStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly lockTtlMs = 10_000,
    private readonly retentionSeconds = DEFAULT_TICKET_RETENTION_SECONDS,
  ) {}

  private tag(projectId: string): string {
    return `{${this.keyPrefix}metrics:p:${projectId}}`;
  }
  ticketKey(projectId: string, ticketId: string): string {
    return `${this.tag(projectId)}:t:${ticketId}`;
  }
  groupKey(projectId: string, groupId: string): string {
    return `${this.tag(projectId)}:g:${groupId}`;
  }
  private indexKey(projectId: string): string {
    return `${this.tag(projectId)}:tickets`;
  }

  async getTicket(projectId: string, ticketId: string): Promise<Ticket | undefined> {
    const raw = await this.redis.get(this.ticketKey(projectId, ticketId));
    return raw ? (JSON.parse(raw) as Ticket) : undefined;
  }

  async getGroup(projectId: string, groupId: string): Promise<GroupState> {
    return decodeGroup(await this.redis.hgetall(this.groupKey(projectId, groupId)));
  }

  /** Many groups in one round trip, one per slot on a Cluster (the consumer checks every group of a chunk). */
  async getGroups(groups: { projectId: string; groupId: string }[]): Promise<GroupState[]> {
    if (groups.length === 0) return [];
    const results = await execBatch(
      this.redis,
      groups.map(({ projectId, groupId }) => {
        const key = this.groupKey(projectId, groupId);
        return { key, add: (p) => p.hgetall(key) };
      }),
    );
    return results.map(([error, value]) => {
      if (error) throw error;
      return decodeGroup(value as Record<string, string>);
    });
  }

  async save(ticket: Ticket, group?: GroupState): Promise<void> {
    const ttl = this.retentionSeconds;
    const index = this.indexKey(ticket.projectId);
    const multi = this.redis
      .multi()
      .set(this.ticketKey(ticket.projectId, ticket.ticketId), JSON.stringify(ticket), 'EX', ttl)
      .zadd(index, Date.parse(ticket.createdAt), ticket.ticketId)
      .expire(index, ttl);
    if (group && ticket.groupId) {
      const key = this.groupKey(ticket.projectId, ticket.groupId);
      multi.del(key).hset(key, encodeGroup(group)).expire(key, ttl);
    }
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('ticket write aborted');
  }

  /** Newest first; index entries whose ticket expired are pruned on the way. */
  async list(
    projectId: string,
    options: { status?: Ticket['status']; groupId?: string; limit: number },
  ): Promise<Ticket[]> {
    const ids = await this.redis.zrevrange(this.indexKey(projectId), 0, -1);
    const tickets: Ticket[] = [];
    for (let i = 0; i < ids.length && tickets.length < options.limit; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const values = await this.redis.mget(chunk.map((id) => this.ticketKey(projectId, id)));
      const expired = chunk.filter((_id, j) => !values[j]);
      if (expired.length > 0) await this.redis.zrem(this.indexKey(projectId), ...expired);
      for (const raw of values) {
        if (!raw) continue;
        const ticket = JSON.parse(raw) as Ticket;
        const wanted =
          (!options.status || ticket.status === options.status) &&
          (!options.groupId || ticket.groupId === options.groupId);
        if (wanted) tickets.push(ticket);
      }
    }
    return tickets.slice(0, options.limit);
  }

  /**
   * Runs `work` holding a lock on one group (or ticket): load, decide, produce, write is one
   * step per group across replicas and API calls. The lock expires, so a crashed holder
   * blocks others for at most `lockTtlMs`.
   */
  async withLock<T>(projectId: string, name: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.tag(projectId)}:lock:${name}`;
    const token = randomUUID();
    const deadline = Date.now() + this.lockTtlMs;
    while ((await this.redis.set(key, token, 'PX', this.lockTtlMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline)
        throw new ResolutionError('FL_TICKET_BUSY', `${name} is being changed; try again`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE_LOCK, 1, key, token);
    }
  }
}

function encodeGroup(group: GroupState): Record<string, string> {
  const fields: Record<string, string> = {
    generation: String(group.generation),
    regressed: group.regressed ? '1' : '0',
  };
  if (group.ticketId) fields.ticketId = group.ticketId;
  if (group.status) fields.status = group.status;
  if (group.resolvedAtMs !== undefined) fields.resolvedAtMs = String(group.resolvedAtMs);
  if (group.resolve) {
    fields.resolveMode = group.resolve.mode;
    if (group.resolve.mode === 'next-release') fields.resolvedRelease = group.resolve.release;
  }
  return fields;
}

function decodeGroup(fields: Record<string, string>): GroupState {
  const group: GroupState = {
    generation: Number(fields.generation ?? 0),
    regressed: fields.regressed === '1',
  };
  if (fields.ticketId) group.ticketId = fields.ticketId;
  if (fields.status === 'open' || fields.status === 'resolved') group.status = fields.status;
  if (fields.resolvedAtMs) group.resolvedAtMs = Number(fields.resolvedAtMs);
  if (fields.resolveMode === 'now') group.resolve = { mode: 'now' };
  if (fields.resolveMode === 'next-release' && fields.resolvedRelease !== undefined)
    group.resolve = { mode: 'next-release', release: fields.resolvedRelease };
  return group;
}
