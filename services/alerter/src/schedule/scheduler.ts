import type { Logger } from '@faultline/observability';
import { isSendJob } from './jobs.js';
import type { ClaimedJob, Schedule } from './schedule.js';

export interface SchedulerOptions {
  schedule: Schedule;
  run: (job: ClaimedJob) => Promise<void>;
  logger: Logger;
  leaseMs: number;
  claimBatch: number;
  pollIntervalMs: number;
  /** Jobs in flight at once on this replica. */
  concurrency: number;
  now?: () => number;
}

export interface Scheduler {
  /** Look for due jobs now rather than at the next poll (new jobs were just enqueued). */
  wake(): void;
  /** Stops claiming and waits for the jobs in flight. */
  stop(): Promise<void>;
}

/**
 * Claims due jobs from the shared schedule and runs them. Jobs that change an alert's state
 * run one after another per alert, in due order (stage 1 before stage 2); deliveries (alert
 * pages and ticket notices) run side by side. The only thing in memory is the poll timer: the schedule is in Redis.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? Date.now;
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  function track(task: Promise<void>): void {
    inFlight.add(task);
    task.finally(() => {
      inFlight.delete(task);
      wakeUp?.();
    });
  }

  async function runGuarded(claimed: ClaimedJob): Promise<void> {
    try {
      await options.run(claimed);
    } catch (error) {
      // Left claimed: the lease runs out and the job is tried again (here or elsewhere).
      options.logger.error(
        { err: error, job: claimed.job },
        'scheduled job failed; it runs again when its lease ends',
      );
    }
  }

  function sleep(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  const loop = (async () => {
    while (running) {
      const free = options.concurrency - inFlight.size;
      if (free <= 0) {
        await sleep(options.pollIntervalMs);
        continue;
      }
      let claimed: ClaimedJob[] = [];
      try {
        claimed = await options.schedule.claim(now(), options.leaseMs, Math.min(free, options.claimBatch));
      } catch (error) {
        options.logger.error({ err: error }, 'claiming due jobs failed');
      }
      const byAlert = new Map<string, ClaimedJob[]>();
      for (const job of claimed) {
        if (isSendJob(job.job)) track(runGuarded(job));
        else byAlert.set(job.job.alertId, [...(byAlert.get(job.job.alertId) ?? []), job]);
      }
      for (const jobs of byAlert.values()) {
        track(
          (async () => {
            for (const job of jobs.sort((a, b) => a.dueAt - b.dueAt)) await runGuarded(job);
          })(),
        );
      }
      if (claimed.length === 0) await sleep(options.pollIntervalMs);
    }
  })();

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      await Promise.all([...inFlight]);
    },
  };
}
