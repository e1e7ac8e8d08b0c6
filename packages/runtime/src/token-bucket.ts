/**
 * Token buckets per key, pure bookkeeping with the clock passed in: each key refills at
 * `perSecond` up to `burst`; a request takes one token or is told how long to wait.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    /** Keys kept at most; past it the fullest (idlest) buckets are the ones forgotten. @default 100000 */
    private readonly maxKeys = 100_000,
  ) {}

  /** 0 when the request may go now, else the whole seconds until a token is there. */
  take(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, atMs: nowMs };
    const tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * this.perSecond);
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, atMs: nowMs });
      this.forgetOldest();
      return 0;
    }
    this.buckets.set(key, { tokens, atMs: nowMs });
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  private forgetOldest(): void {
    if (this.buckets.size <= this.maxKeys) return;
    const oldest = this.buckets.keys().next().value;
    if (oldest !== undefined) this.buckets.delete(oldest);
  }
}
