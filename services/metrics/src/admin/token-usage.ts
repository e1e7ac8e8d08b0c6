/**
 * When this process last verified each token, in memory. The access topic has one writer and
 * verification happens in every service, so no service writes last use there: the metrics service
 * keeps what it saw, answers it in token lists, and appends a `token.use` audit record per token
 * at most once per `flushEveryMs`, so the latest use survives a restart (read back from audit_log).
 * Uses seen only by other services are not counted (services/metrics/README.md).
 */
export interface TokenUsage {
  /** Notes a verified request made with `tokenId`. */
  used(tokenId: string, at: Date): void;
  /** The latest use this process saw. */
  lastUsed(tokenId: string): Date | undefined;
  /** Tokens used since the previous call, with their latest use: what to flush. */
  takeUnflushed(): Map<string, Date>;
  /** The latest use recorded in the audit log (flushed uses and changes made with the token). */
  lastUsedStored(tokenIds: string[]): Promise<Map<string, Date>>;
}

export function createTokenUsage(
  lastUsedStored: (tokenIds: string[]) => Promise<Map<string, Date>> = async () => new Map(),
): TokenUsage {
  const last = new Map<string, Date>();
  const unflushed = new Map<string, Date>();
  return {
    used(tokenId, at) {
      last.set(tokenId, at);
      unflushed.set(tokenId, at);
    },
    lastUsed: (tokenId) => last.get(tokenId),
    takeUnflushed() {
      const taken = new Map(unflushed);
      unflushed.clear();
      return taken;
    },
    lastUsedStored: (tokenIds) =>
      tokenIds.length === 0 ? Promise.resolve(new Map()) : lastUsedStored(tokenIds),
  };
}
