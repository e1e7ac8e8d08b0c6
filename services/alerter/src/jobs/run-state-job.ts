import { isSendJob } from '../schedule/jobs.js';
import type { ClaimedJob } from '../schedule/schedule.js';
import { transact } from '../state/transact.js';
import {
  type EscalationOutcome,
  type Outcome,
  runEscalation,
  runSla,
  runUnack,
  type TransitionContext,
} from '../state/transitions.js';
import type { JobContext } from './job-context.js';

/**
 * An escalation stage, an acknowledgement timeout or an SLA check that fell due: apply its
 * transition, write its effects, then settle the job (done, or held until `retryAt`).
 */
export async function runStateJob(claimed: ClaimedJob, ctx: JobContext): Promise<void> {
  const { job } = claimed;
  if (isSendJob(job)) throw new Error('runStateJob: delivery jobs go to runDelivery / runTicketDelivery');
  const now = ctx.now();
  const transition: TransitionContext = { now, policy: ctx.policy, silences: await ctx.silences.list(now) };
  let retryAt: number | undefined;
  const outcomes = await transact(ctx.store, [job.alertId], (_, stored) => {
    retryAt = undefined;
    let result: EscalationOutcome;
    if (job.kind === 'escalate') result = runEscalation(stored?.record, job.stage, transition);
    else if (job.kind === 'unack') result = runUnack(stored?.record, job.ackExpiresAt, transition);
    else result = runSla(stored?.record, transition);
    if (result && 'retryAt' in result) {
      retryAt = result.retryAt;
      return undefined;
    }
    return result as Outcome | undefined;
  });
  await ctx.effects.apply(outcomes.values());
  const outcome = outcomes.size > 0 ? 'applied' : retryAt !== undefined ? 'held' : 'skipped';
  ctx.metrics?.jobs.inc({ kind: job.kind, outcome });
  if (!(await ctx.schedule.settle(claimed, retryAt)))
    ctx.logger.warn({ job }, 'job lease lost before it settled; another replica reruns it');
}
