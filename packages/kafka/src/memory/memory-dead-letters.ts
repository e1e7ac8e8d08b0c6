import type { DeadLetterSink } from '../consumer/backend.js';
import type { InvalidMessage } from '../consumer/messages.js';

/** A dead-letter sink that keeps what it is sent; `fail` makes the next sends reject, like an unreachable dlq topic. */
export class MemoryDeadLetters implements DeadLetterSink {
  readonly letters: InvalidMessage[] = [];
  fail: Error | undefined;

  async send(letters: readonly InvalidMessage[]): Promise<void> {
    if (this.fail) throw this.fail;
    this.letters.push(...letters);
  }
}
