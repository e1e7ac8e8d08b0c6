import { FaultlineKafkaError } from '../errors.js';

/**
 * Rejects with FL_KAFKA_HANDLER_TIMEOUT when `work` has not settled within `ms`: a handler
 * waiting on something that never answers (an asynchronous stall) becomes a failed attempt.
 * The work is abandoned, not cancelled; its late side effects are as safe as a redelivery's.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new FaultlineKafkaError('FL_KAFKA_HANDLER_TIMEOUT', `handler did not settle within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
