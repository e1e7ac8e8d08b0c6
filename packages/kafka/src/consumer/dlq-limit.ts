import { FaultlineKafkaError } from '../errors.js';

export interface DlqLimitOptions {
  /** Stop when more than this share of the last `windowSize` messages was invalid. @default 0.5 */
  maxInvalidRatio?: number;
  /** Messages the ratio is computed over. @default 1000 */
  windowSize?: number;
  /** The ratio is only judged once the window holds this many messages, so a few early bad ones do not stop a consumer. @default 100 */
  minMessages?: number;
  /** Stop after this many invalid messages in a row, whatever the ratio. @default Infinity */
  maxConsecutiveInvalid?: number;
}

/**
 * arroyo's `DlqLimit`: dead-lettering is for the odd bad message. When most of a topic is
 * invalid (wrong schema deployed, wrong topic) stopping loudly beats dead-lettering all of it.
 */
export class DlqLimit {
  private readonly window: Uint8Array;
  private readonly maxInvalidRatio: number;
  private readonly minMessages: number;
  private readonly maxConsecutiveInvalid: number;
  private next = 0;
  private filled = 0;
  private invalidInWindow = 0;
  private consecutiveInvalid = 0;

  constructor(options: DlqLimitOptions = {}) {
    this.window = new Uint8Array(options.windowSize ?? 1000);
    this.maxInvalidRatio = options.maxInvalidRatio ?? 0.5;
    this.minMessages = Math.min(options.minMessages ?? 100, this.window.length);
    this.maxConsecutiveInvalid = options.maxConsecutiveInvalid ?? Number.POSITIVE_INFINITY;
  }

  /** Records outcomes in offset order (true = valid) and throws FL_KAFKA_DLQ_LIMIT once a limit is passed. */
  record(outcomes: readonly boolean[]): void {
    for (const valid of outcomes) {
      const invalid = valid ? 0 : 1;
      if (this.filled === this.window.length) this.invalidInWindow -= this.window[this.next] ?? 0;
      else this.filled += 1;
      this.window[this.next] = invalid;
      this.next = (this.next + 1) % this.window.length;
      this.invalidInWindow += invalid;
      this.consecutiveInvalid = valid ? 0 : this.consecutiveInvalid + 1;
      if (this.consecutiveInvalid > this.maxConsecutiveInvalid) {
        throw new FaultlineKafkaError(
          'FL_KAFKA_DLQ_LIMIT',
          `${this.consecutiveInvalid} invalid messages in a row (limit ${this.maxConsecutiveInvalid})`,
        );
      }
    }
    const ratio = this.invalidInWindow / this.filled;
    if (this.filled >= this.minMessages && ratio > this.maxInvalidRatio) {
      throw new FaultlineKafkaError(
        'FL_KAFKA_DLQ_LIMIT',
        `${this.invalidInWindow} of the last ${this.filled} messages were invalid (ratio ${ratio.toFixed(3)} > limit ${this.maxInvalidRatio})`,
      );
    }
  }
}
