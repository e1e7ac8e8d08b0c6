export interface ClockSkewPolicy {
  /** Skew below this is ordinary network and clock jitter: not recorded. */
  recordAboveMs: number;
  /** Skew beyond this (either way) is a broken clock: the timestamp is replaced by receipt time. */
  clampAboveMs: number;
}

export interface ClockSkewResult {
  timestamp: string;
  clockSkewMs?: number;
}

/**
 * Keeps the client's timestamp (it says when the error happened) but records how far the
 * client clock was off, and replaces absurd timestamps so windows and retention still work.
 * An unparseable timestamp is returned as is, for the contract check to name.
 */
export function applyClockSkew(
  timestamp: string,
  receivedAtMs: number,
  policy: ClockSkewPolicy,
): ClockSkewResult {
  const clientMs = Date.parse(timestamp);
  if (Number.isNaN(clientMs)) return { timestamp };
  const skew = clientMs - receivedAtMs;
  if (Math.abs(skew) > policy.clampAboveMs)
    return { timestamp: new Date(receivedAtMs).toISOString(), clockSkewMs: skew };
  if (Math.abs(skew) > policy.recordAboveMs) return { timestamp, clockSkewMs: skew };
  return { timestamp };
}
