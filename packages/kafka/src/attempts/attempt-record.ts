/**
 * Pure: what the attempt ledger remembers for one partition of one group, and how each
 * operation changes it. The Redis ledger runs the same rules in Lua (`attempt-script.ts`);
 * `test/attempts/attempt-ledger.int.test.ts` holds the two to the same cases.
 *
 * One record for the chunk being worked on (keyed by its first offset, which is always the
 * group's committed offset) and one for the message handled alone, so nothing accumulates:
 * a record for another offset is simply replaced, which is how attempts reset once a chunk commits.
 */

export type AttemptKind = 'chunk' | 'message';

export interface AttemptRecord {
  /** First offset of the chunk, or the message's offset. */
  offset: string;
  /** Attempts that failed: threw, timed out, or never finished (the process stalled or died). */
  failures: number;
  /** An attempt began and has not been reported failed; found open at the next begin, it died. */
  open: boolean;
  /** Why the last failed attempt failed, when it said so (a dead process says nothing). */
  error?: string;
}

export interface PartitionAttempts {
  chunk?: AttemptRecord;
  message?: AttemptRecord;
}

/** What a begin returns: failed attempts before this one, and the last one's reason if known. */
export interface AttemptStatus {
  failures: number;
  lastError?: string;
}

export interface Failure {
  reason: string;
  /** False for an outage (a dependency down): retried as before, never held against the message. */
  counts: boolean;
}

function begin(record: AttemptRecord | undefined, offset: string): AttemptRecord {
  if (!record || record.offset !== offset) return { offset, failures: 0, open: true };
  // Still open: the previous attempt neither finished nor failed, so the process stopped mid-way.
  if (record.open) return { offset, failures: record.failures + 1, open: true };
  return { ...record, open: true };
}

const statusOf = ({ failures, error }: AttemptRecord): AttemptStatus =>
  error === undefined ? { failures } : { failures, lastError: error };

/** Before a chunk starting at `offset` is handled. */
export function beginChunk(
  state: PartitionAttempts,
  offset: string,
): { state: PartitionAttempts; status: AttemptStatus } {
  const chunk = begin(state.chunk, offset);
  return { state: { ...state, chunk }, status: statusOf(chunk) };
}

/**
 * Before a message is handled alone (its chunk failed too often). The chunk record moves to
 * this message with the chunk's failures, so a redelivery from here is handled alone again
 * instead of starting the chunk's count over; the messages before it are committed.
 */
export function beginMessage(
  state: PartitionAttempts,
  offset: string,
  chunkFailures: number,
): { state: PartitionAttempts; status: AttemptStatus } {
  const message = begin(state.message, offset);
  return {
    state: { chunk: { offset, failures: chunkFailures, open: false }, message },
    status: statusOf(message),
  };
}

/** After an attempt failed; a record that has moved on to another offset is left alone. */
export function failAttempt(
  state: PartitionAttempts,
  kind: AttemptKind,
  offset: string,
  failure: Failure,
): PartitionAttempts {
  const record = state[kind];
  if (!record || record.offset !== offset) return state;
  const failed: AttemptRecord = failure.counts
    ? { offset, failures: record.failures + 1, open: false, error: failure.reason }
    : { ...record, open: false };
  return { ...state, [kind]: failed };
}
