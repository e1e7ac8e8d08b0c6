import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  type AlertCommand,
  alertCommandCodec,
  alertSignalCodec,
  type CategorizedEvent,
  SCHEMA_VERSION,
  type Severity,
  type Ticket,
  type TicketEvent,
  type TopicNames,
  ticketEventCodec,
} from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import { derivedId } from '../derived-id.js';
import { ResolutionError } from '../errors.js';
import { findEvent, latestGroupEvent, latestGroupRelease } from '../history/event-lookup.js';
import { activeAlertsOfGroup } from '../history/group-alerts.js';
import { judgeRegression } from '../regressions/regression-rule.js';
import { regressionSignal } from '../regressions/regression-signal.js';
import { assigneeFor } from './assignment.js';
import {
  addStep,
  DEFAULT_TICKET_BOUNDS,
  describeEvent,
  openTicket,
  reopenTicket,
  resolveTicket,
  type StepUpdate,
  type TicketBounds,
  type TicketChange,
  ticketTitle,
  trimOldestSteps,
} from './ticket-model.js';
import type { GroupState, TicketStore } from './ticket-store.js';

export interface TicketServiceDeps {
  store: TicketStore;
  producer: BatchingProducer;
  topics: Pick<TopicNames, 'tickets' | 'alertCommands' | 'alerts'>;
  clickhouse: ClickHouseClient;
  now: () => number;
  /** @default DEFAULT_TICKET_BOUNDS */
  bounds?: TicketBounds;
}

export interface CreateRequest {
  groupId?: string;
  eventId?: string;
  title?: string;
  description?: string;
  assignee?: string;
  severity?: Severity;
  actor: string;
}

export interface ResolveRequest {
  description: string;
  resolver: string;
  /** Only a newer release than `release` (default: the group's newest) reopens the group. */
  inNextRelease?: boolean;
  release?: string;
}

export const SYSTEM_ACTOR = 'faultline';

/**
 * The one writer of tickets. Every change runs under the group's lock: load, decide (pure
 * model), produce the TicketEvent and wait for Kafka's ack, then write the current state to
 * Redis, so the caller reads its own write from the store as soon as the call returns.
 */
export class TicketService {
  private readonly bounds: TicketBounds;

  constructor(private readonly deps: TicketServiceDeps) {
    this.bounds = deps.bounds ?? DEFAULT_TICKET_BOUNDS;
  }

  get(projectId: string, ticketId: string): Promise<Ticket | undefined> {
    return this.deps.store.getTicket(projectId, ticketId);
  }

  /** One ticket per group while open: an existing open ticket is returned with `created: false`. */
  async createForEvent(
    categorized: CategorizedEvent,
    request: Omit<CreateRequest, 'groupId' | 'eventId'> & { automatic: boolean },
  ): Promise<{ ticket: Ticket; created: boolean }> {
    const { store } = this.deps;
    const projectId = categorized.event.projectId;
    const groupId = categorized.groupId;
    return store.withLock(projectId, `g:${groupId}`, async () => {
      const group = await store.getGroup(projectId, groupId);
      if (group.status === 'open' && group.ticketId) {
        const existing = await store.getTicket(projectId, group.ticketId);
        if (existing) return { ticket: existing, created: false };
      }
      const generation = group.generation + 1;
      if (generation > this.bounds.maxPerGroup)
        throw new ResolutionError(
          'FL_TICKET_GROUP_FULL',
          `group ${groupId} has had ${group.generation} tickets, the most one group may: reopen its last ticket`,
        );
      // Automatic tickets are named by (group, generation): a redelivered event recreates the same ticket and event ids.
      const ticketId = request.automatic
        ? derivedId('tk', projectId, groupId, generation)
        : `tk-${randomUUID().replaceAll('-', '')}`;
      const at = new Date(this.deps.now()).toISOString();
      const ticket = openTicket({
        ticketId,
        projectId,
        groupId,
        title: request.title ?? ticketTitle(categorized.event.component, categorized.event.message),
        description: request.description ?? describeEvent(categorized),
        severity: request.severity ?? categorized.severity,
        assignee: request.assignee ?? assigneeFor(categorized.event.component, categorized.team),
        at,
      });
      const eventId = request.automatic ? derivedId('te', ticketId, 'created') : undefined;
      await this.commit({ ticket, type: 'created' }, request.actor, at, eventId, {
        ticketId,
        status: 'open',
        generation,
        regressed: false,
      });
      return { ticket, created: true };
    });
  }

  /** On demand (API, CLI): for a group or event stored in ClickHouse, or free-standing with a title. */
  async create(projectId: string, request: CreateRequest): Promise<{ ticket: Ticket; created: boolean }> {
    const { clickhouse } = this.deps;
    if (request.eventId || request.groupId) {
      const categorized = request.eventId
        ? await findEvent(clickhouse, projectId, request.eventId)
        : await latestGroupEvent(clickhouse, projectId, request.groupId as string);
      if (!categorized)
        throw request.eventId
          ? new ResolutionError('FL_TICKET_EVENT_NOT_FOUND', `no stored event ${request.eventId}`)
          : new ResolutionError('FL_TICKET_GROUP_NOT_FOUND', `no stored events for group ${request.groupId}`);
      return this.createForEvent(categorized, { ...request, automatic: false });
    }
    if (!request.title)
      throw new ResolutionError(
        'FL_TICKET_INVALID_TRANSITION',
        'a ticket without groupId or eventId needs a title',
      );
    const ticketId = `tk-${randomUUID().replaceAll('-', '')}`;
    return this.deps.store.withLock(projectId, `t:${ticketId}`, async () => {
      const at = new Date(this.deps.now()).toISOString();
      const ticket = openTicket({
        ticketId,
        projectId,
        title: request.title as string,
        description: request.description ?? '',
        ...(request.severity ? { severity: request.severity } : {}),
        assignee: request.assignee ?? assigneeFor(undefined),
        at,
      });
      await this.commit({ ticket, type: 'created' }, request.actor, at);
      return { ticket, created: true };
    });
  }

  /** A step, optionally with a status or a new assignee (the runbook's `updateResolution`). */
  update(projectId: string, ticketId: string, update: StepUpdate): Promise<Ticket> {
    return this.change(projectId, ticketId, async (ticket, at) => ({
      change: addStep(ticket, update, at, this.bounds.maxSteps),
      actor: update.author,
    }));
  }

  /** Reopens a resolved ticket by hand: its group is open again (not a regression). */
  reopen(projectId: string, ticketId: string, actor: string, description: string): Promise<Ticket> {
    return this.change(projectId, ticketId, async (ticket, at, group) => ({
      change: reopenTicket(
        ticket,
        { action: 'reopened', description, author: actor },
        at,
        this.bounds.maxSteps,
      ),
      actor,
      group: group && { ...group, status: 'open', regressed: false },
    }));
  }

  /**
   * Resolves the ticket and its group, then sends `resolve` to every active alert of the group.
   * Resolving a resolved ticket only sends the alert resolves again (a retry after a failure).
   */
  async resolve(projectId: string, ticketId: string, request: ResolveRequest): Promise<Ticket> {
    const { clickhouse } = this.deps;
    const current = await this.load(projectId, ticketId);
    const ticket =
      current.status === 'resolved'
        ? current
        : await this.change(projectId, ticketId, async (latest, at, group) => {
            const resolvedAtMs = Date.parse(at);
            let release = request.release;
            if (request.inNextRelease && !release && latest.groupId)
              release = await latestGroupRelease(clickhouse, projectId, latest.groupId);
            if (request.inNextRelease && !release)
              throw new ResolutionError(
                'FL_TICKET_RELEASE_UNKNOWN',
                'resolving in the next release needs a release: none given and the group has no event naming one',
              );
            return {
              change: resolveTicket(
                latest,
                { description: request.description, resolver: request.resolver },
                at,
              ),
              actor: request.resolver,
              group: group && {
                ...group,
                status: 'resolved',
                resolvedAtMs,
                regressed: false,
                resolve: request.inNextRelease
                  ? { mode: 'next-release', release: release as string }
                  : { mode: 'now' },
              },
            };
          });
    if (ticket.groupId) await this.resolveAlerts(ticket, request);
    return ticket;
  }

  /**
   * An event of a group this service knows: a resolved group that regressed is reopened and
   * raises an alert; an untracked or resolved-and-holding critical/high group gets its ticket.
   */
  async onEvent(
    categorized: CategorizedEvent,
    group: GroupState,
    autoSeverities: readonly Severity[],
  ): Promise<void> {
    const { event } = categorized;
    if (group.status === 'resolved' && group.ticketId && group.resolvedAtMs !== undefined && group.resolve) {
      const seenAtMs = Date.parse(event.receivedAt ?? event.timestamp);
      const verdict = judgeRegression(
        { resolvedAtMs: group.resolvedAtMs, resolve: group.resolve },
        { seenAtMs, ...(event.release ? { release: event.release } : {}) },
      );
      if (verdict.regressed) await this.regress(categorized, verdict.reason);
      return;
    }
    if (group.status !== 'open' && autoSeverities.includes(categorized.severity))
      await this.createForEvent(categorized, { actor: SYSTEM_ACTOR, automatic: true }).catch(
        (error: unknown) => {
          // A group past its ticket count gets no more automatic tickets; its events still count.
          if (!(error instanceof ResolutionError && error.code === 'FL_TICKET_GROUP_FULL')) throw error;
        },
      );
  }

  private async regress(categorized: CategorizedEvent, reason: string): Promise<void> {
    const { store, producer, topics } = this.deps;
    const projectId = categorized.event.projectId;
    await store.withLock(projectId, `g:${categorized.groupId}`, async () => {
      const group = await store.getGroup(projectId, categorized.groupId);
      // Re-checked under the lock: another replica or a redelivery may have reopened it already.
      if (group.status !== 'resolved' || !group.ticketId || group.resolvedAtMs === undefined) return;
      const ticket = await store.getTicket(projectId, group.ticketId);
      if (ticket?.status !== 'resolved') return;
      const at = new Date(this.deps.now()).toISOString();
      const signal = regressionSignal(categorized, ticket, group.resolvedAtMs, this.deps.now());
      await producer.send(topics.alerts, { key: signal.dedupKey, value: alertSignalCodec.encode(signal) });
      const change = reopenTicket(
        ticket,
        {
          action: 'regressed',
          description: `event ${categorized.event.eventId}: ${reason}; alert ${signal.alertId}`,
          author: SYSTEM_ACTOR,
        },
        at,
        this.bounds.maxSteps,
      );
      await this.commit(
        change,
        SYSTEM_ACTOR,
        at,
        derivedId('te', ticket.ticketId, 'regressed', group.resolvedAtMs),
        {
          ...group,
          status: 'open',
          regressed: true,
        },
      );
    });
  }

  private async resolveAlerts(ticket: Ticket, request: ResolveRequest): Promise<void> {
    const { producer, topics, clickhouse } = this.deps;
    const alerts = await activeAlertsOfGroup(clickhouse, ticket.projectId, ticket.groupId as string);
    await Promise.all(
      alerts.map((alert) => {
        const command: AlertCommand = {
          schemaVersion: SCHEMA_VERSION,
          commandId: derivedId('ac', ticket.ticketId, ticket.resolvedAt ?? '', alert.alertId),
          alertId: alert.alertId,
          action: 'resolve',
          actor: request.resolver,
          reason: `ticket ${ticket.ticketId} resolved: ${request.description}`.slice(0, 2048),
          issuedAt: new Date(this.deps.now()).toISOString(),
        };
        return producer.send(topics.alertCommands, {
          key: alert.alertId,
          value: alertCommandCodec.encode(command),
        });
      }),
    );
  }

  private async load(projectId: string, ticketId: string): Promise<Ticket> {
    const ticket = await this.deps.store.getTicket(projectId, ticketId);
    if (!ticket)
      throw new ResolutionError('FL_TICKET_NOT_FOUND', `no ticket ${ticketId} in project ${projectId}`);
    return ticket;
  }

  private async change(
    projectId: string,
    ticketId: string,
    decide: (
      ticket: Ticket,
      at: string,
      group: GroupState | undefined,
    ) => Promise<{ change: TicketChange; actor: string; group?: GroupState | undefined }>,
  ): Promise<Ticket> {
    const { store } = this.deps;
    const first = await this.load(projectId, ticketId);
    const lock = first.groupId ? `g:${first.groupId}` : `t:${ticketId}`;
    return store.withLock(projectId, lock, async () => {
      const ticket = await this.load(projectId, ticketId);
      const group = ticket.groupId ? await store.getGroup(projectId, ticket.groupId) : undefined;
      // Group state follows only the group's current ticket; an older ticket's changes leave it alone.
      const current = group && group.ticketId === ticketId ? group : undefined;
      const at = new Date(this.deps.now()).toISOString();
      const decided = await decide(ticket, at, current);
      await this.commit(decided.change, decided.actor, at, undefined, decided.group);
      return decided.change.ticket;
    });
  }

  /**
   * Produce (acked) first, then store: the store never shows a change the topic does not have.
   * An event past `maxEventBytes` is refused (413) before anything is written; a system change
   * (a regression) drops the ticket's oldest steps instead, so it always goes through.
   */
  private async commit(
    change: TicketChange,
    actor: string,
    at: string,
    eventId: string = randomUUID(),
    group?: GroupState,
  ): Promise<void> {
    const eventOf = (ticket: Ticket): TicketEvent => ({
      schemaVersion: SCHEMA_VERSION,
      eventId,
      type: change.type,
      at,
      actor: actor.slice(0, 256),
      ticket,
    });
    const sizeOf = (ticket: Ticket) => ticketEventCodec.encode(eventOf(ticket)).length;
    const max = this.bounds.maxEventBytes;
    const ticket = actor === SYSTEM_ACTOR ? trimOldestSteps(change.ticket, sizeOf, max) : change.ticket;
    if (!ticket || sizeOf(ticket) > max)
      throw new ResolutionError(
        'FL_TICKET_TOO_LARGE',
        `the ticket would take more than ${this.bounds.maxEventBytes} bytes as one TicketEvent: shorten the text or open a new ticket`,
      );
    await this.deps.producer.send(this.deps.topics.tickets, {
      key: ticket.ticketId,
      value: ticketEventCodec.encode(eventOf(ticket)),
    });
    await this.deps.store.save(ticket, group);
  }
}
