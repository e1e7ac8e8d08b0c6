/**
 * Generic cell rate algorithm: a rate limit kept as one number per key, the theoretical
 * arrival time (TAT). `ratePerSecond` sustained, bursts up to `burst` at once.
 * The Redis script in redis-rate-limiter.ts is this same function in Lua.
 */
export interface GcraLimit {
  ratePerSecond: number;
  burst: number;
}

export interface GcraDecision {
  allowed: boolean;
  /** The TAT to store when allowed; unchanged otherwise. */
  tatMs: number;
  /** When refused: how long until `quantity` would fit. */
  retryAfterMs: number;
}

export function gcraParameters(limit: GcraLimit): { emissionIntervalMs: number; toleranceMs: number } {
  const emissionIntervalMs = 1000 / limit.ratePerSecond;
  return { emissionIntervalMs, toleranceMs: emissionIntervalMs * limit.burst };
}

/**
 * `storedTatMs` undefined for a key never seen (or expired). A request larger than the burst
 * is charged the burst: otherwise a big batch could never pass, whatever it waited.
 */
export function gcra(
  storedTatMs: number | undefined,
  nowMs: number,
  limit: GcraLimit,
  quantity: number,
): GcraDecision {
  const { emissionIntervalMs, toleranceMs } = gcraParameters(limit);
  const tat = Math.max(storedTatMs ?? nowMs, nowMs);
  const newTat = tat + Math.min(quantity, limit.burst) * emissionIntervalMs;
  const allowAt = newTat - toleranceMs;
  if (allowAt > nowMs) return { allowed: false, tatMs: tat, retryAfterMs: allowAt - nowMs };
  return { allowed: true, tatMs: newTat, retryAfterMs: 0 };
}

/** Sentry's `X-Sentry-Rate-Limits` for a project-wide limit on error events. */
export function sentryRateLimitsHeader(retryAfterSeconds: number): string {
  return `${retryAfterSeconds}:error;default:project:rate_limited`;
}
