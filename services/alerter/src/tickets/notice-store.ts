import { type TicketEvent, ticketEventCodec } from '@faultline/contracts';
import type { Redis } from 'ioredis';
import type { AlerterKeys } from '../keys.js';
import { noticeOf } from './ticket-notice.js';

/** The ticket events whose notices are pending or were sent, by event id, for as long as the delivery log. */
export class TicketNoticeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AlerterKeys,
    private readonly ttlSeconds: number,
  ) {}

  /** Overwriting is harmless: a redelivered event has the same id and content. */
  async save(events: readonly TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events)
      pipeline.set(
        this.keys.ticketNotice(event.eventId),
        JSON.stringify(noticeOf(event)),
        'EX',
        this.ttlSeconds,
      );
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  async load(eventId: string): Promise<TicketEvent | undefined> {
    const raw = await this.redis.get(this.keys.ticketNotice(eventId));
    if (raw === null) return undefined;
    const decoded = ticketEventCodec.decode(raw);
    return decoded.ok ? decoded.value : undefined;
  }
}
