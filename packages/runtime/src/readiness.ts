import type { Readiness } from '@faultline/api-contracts';

/** A dependency the service cannot serve without (Kafka, Redis, ClickHouse, a consumer group). */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown> | unknown;
  /** @default 2000 */
  timeoutMs?: number;
}

/** `/readyz`'s answer without its `status` words. */
export type ReadinessReport = Omit<Readiness, 'status'>;

/** Runs every check concurrently; a check that throws or outlives its timeout is not ready. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check, timeoutMs = 2000 }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(check), timeout]);
        return [name, { ok: true }] as const;
      } catch (error) {
        return [name, { ok: false, error: (error as Error).message }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}
