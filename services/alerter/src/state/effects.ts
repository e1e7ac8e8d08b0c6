import { alertEventCodec } from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import type { AlerterMetrics } from '../metrics.js';
import type { Schedule } from '../schedule/schedule.js';
import type { Outcome } from './transitions.js';

/**
 * Makes stored outcomes happen: alert-events first (acknowledged by Kafka), then the jobs,
 * so a `fired` event precedes its `notified` ones. A crash in between is repaired by the
 * redelivered input, which produces both again (events keep their ids; ZADD NX keeps jobs).
 */
export class Effects {
  constructor(
    private readonly producer: BatchingProducer,
    private readonly topic: string,
    private readonly schedule: Schedule,
    private readonly onJobsDue: () => void,
    private readonly metrics?: AlerterMetrics,
  ) {}

  async apply(outcomes: Iterable<Pick<Outcome, 'events' | 'jobs' | 'dropJobs'>>): Promise<void> {
    const list = [...outcomes];
    await Promise.all(
      list.flatMap((o) =>
        o.events.map((event) =>
          this.producer.send(this.topic, { key: event.alert.alertId, value: alertEventCodec.encode(event) }),
        ),
      ),
    );
    for (const o of list) for (const event of o.events) this.metrics?.alertEvents.inc({ type: event.type });
    const jobs = list.flatMap((o) => o.jobs);
    await this.schedule.enqueue(
      jobs,
      list.flatMap((o) => o.dropJobs),
    );
    if (jobs.length > 0) this.onJobsDue();
  }
}
