import type { Logger } from 'pino';

/**
 * The order a service stops in. Consumers first: their in-flight batches still need the
 * producers and clients to finish and commit. Producers next, flushing what was accepted.
 * Servers after them, so /healthz and /metrics answer while the service drains. Clients
 * (Redis, Kafka admin, ClickHouse) last, since everything above may still use them.
 */
export const STOP_STAGES = ['consumers', 'producers', 'servers', 'clients'] as const;
export type StopStage = (typeof STOP_STAGES)[number];

/** e.g. `() => consumer.stop()`, `() => producer.close()`, `() => redis.quit()`. */
export type StopStep = () => Promise<unknown> | unknown;

/** Stop steps by stage; stages run in `STOP_STAGES` order, the steps of one stage concurrently. */
export class StopPlan {
  private readonly steps = new Map<StopStage, StopStep[]>(STOP_STAGES.map((stage) => [stage, []]));

  add(stage: StopStage, step: StopStep): void {
    this.steps.get(stage)?.push(step);
  }

  /** Runs every stage even when a step fails (a failure is logged); resolves `false` if any failed. */
  async run(logger: Logger): Promise<boolean> {
    let ok = true;
    for (const stage of STOP_STAGES) {
      const results = await Promise.allSettled((this.steps.get(stage) ?? []).map(async (step) => step()));
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        ok = false;
        logger.error({ err: result.reason, stage }, 'a stop step failed');
      }
    }
    return ok;
  }
}
