/**
 * When a reader has caught up: the high watermark of every partition as it was at start,
 * crossed off as the reader's consumed offsets reach it. Empty partitions need nothing.
 */
export class CatchUp {
  /** partition -> offset of the last record that existed at start. */
  private readonly pending = new Map<number, bigint>();

  constructor(watermarks: readonly { partition: number; low: string; high: string }[]) {
    for (const { partition, low, high } of watermarks) {
      if (BigInt(high) > BigInt(low)) this.pending.set(partition, BigInt(high) - 1n);
    }
  }

  /** Records that `lastOffset` of `partition` has been applied; true once every partition is done. */
  consumed(partition: number, lastOffset: string): boolean {
    const target = this.pending.get(partition);
    if (target !== undefined && BigInt(lastOffset) >= target) this.pending.delete(partition);
    return this.done();
  }

  done(): boolean {
    return this.pending.size === 0;
  }
}
