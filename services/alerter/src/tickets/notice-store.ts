import { type TicketEvent, ticketEventCodec } from '@faultline/contracts';
import { execBatch, type RedisClient } from '@faultline/redis';
import type { AlerterKeys } from '../keys.js';
import { noticeOf } from './ticket-notice.js';

/** The ticket events whose notices are pending or were sent, by event id, for as long as the delivery log. */
export class TicketNoticeStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlerterKeys,
    private readonly ttlSeconds: number,
  ) {}

  /** Overwriting is harmless: a redelivered event has the same id and content. */
  async save(events: readonly TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    const replies = await execBatch(
      this.redis,
      events.map((event) => {
        const key = this.keys.ticketNotice(event.eventId);
        return { key, add: (p) => p.set(key, JSON.stringify(noticeOf(event)), 'EX', this.ttlSeconds) };
      }),
    );
    for (const [error] of replies) if (error) throw error;
  }

  async load(eventId: string): Promise<TicketEvent | undefined> {
    const raw = await this.redis.get(this.keys.ticketNotice(eventId));
    if (raw === null) return undefined;
    const decoded = ticketEventCodec.decode(raw);
    return decoded.ok ? decoded.value : undefined;
  }
}
