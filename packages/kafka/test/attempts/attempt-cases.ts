import type { AttemptLedger, PartitionRef } from '../../src/attempts/attempt-ledger.js';
import type { AttemptKind, AttemptStatus } from '../../src/attempts/attempt-record.js';

export type LedgerOp =
  | { op: 'chunk'; offset: string }
  | { op: 'message'; offset: string; chunkFailures: number }
  | { op: 'fail'; kind: AttemptKind; offset: string; counts: boolean; reason: string };

/** Named sequences with what each begin returns (fails return nothing). */
export const LEDGER_CASES: { id: string; ops: LedgerOp[]; returns: (AttemptStatus | undefined)[] }[] = [
  {
    id: 'a new chunk starts with no failures',
    ops: [{ op: 'chunk', offset: '10' }],
    returns: [{ failures: 0 }],
  },
  {
    id: 'a counted failure is remembered with its reason',
    ops: [
      { op: 'chunk', offset: '10' },
      { op: 'fail', kind: 'chunk', offset: '10', counts: true, reason: 'boom' },
      { op: 'chunk', offset: '10' },
    ],
    returns: [{ failures: 0 }, undefined, { failures: 1, lastError: 'boom' }],
  },
  {
    id: 'an attempt never reported (the process died) counts, without a reason',
    ops: [
      { op: 'chunk', offset: '10' },
      { op: 'fail', kind: 'chunk', offset: '10', counts: true, reason: 'boom' },
      { op: 'chunk', offset: '10' },
      { op: 'chunk', offset: '10' },
    ],
    returns: [{ failures: 0 }, undefined, { failures: 1, lastError: 'boom' }, { failures: 2 }],
  },
  {
    id: 'an outage closes the attempt without counting',
    ops: [
      { op: 'chunk', offset: '10' },
      { op: 'fail', kind: 'chunk', offset: '10', counts: false, reason: 'ECONNREFUSED' },
      { op: 'chunk', offset: '10' },
    ],
    returns: [{ failures: 0 }, undefined, { failures: 0 }],
  },
  {
    id: 'another first offset (the chunk committed) starts over',
    ops: [
      { op: 'chunk', offset: '10' },
      { op: 'fail', kind: 'chunk', offset: '10', counts: true, reason: 'boom' },
      { op: 'chunk', offset: '20' },
      { op: 'fail', kind: 'chunk', offset: '10', counts: true, reason: 'late' },
      { op: 'chunk', offset: '20' },
    ],
    returns: [{ failures: 0 }, undefined, { failures: 0 }, undefined, { failures: 1 }],
  },
  {
    id: 'a message handled alone carries the chunk failures to its offset',
    ops: [
      { op: 'message', offset: '12', chunkFailures: 3 },
      { op: 'fail', kind: 'message', offset: '12', counts: true, reason: 'timeout' },
      { op: 'chunk', offset: '12' },
      { op: 'message', offset: '12', chunkFailures: 3 },
      { op: 'message', offset: '12', chunkFailures: 3 },
    ],
    returns: [
      { failures: 0 },
      undefined,
      { failures: 3 },
      { failures: 1, lastError: 'timeout' },
      { failures: 2 },
    ],
  },
];

/** A replayable stream of operations over few offsets, so they collide often. */
export function randomOps(seed: number, count: number): LedgerOp[] {
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  return Array.from({ length: count }, (): LedgerOp => {
    const offset = String(next(3));
    switch (next(3)) {
      case 0:
        return { op: 'chunk', offset };
      case 1:
        return { op: 'message', offset, chunkFailures: next(4) };
      default:
        return {
          op: 'fail',
          kind: next(2) === 0 ? 'chunk' : 'message',
          offset,
          counts: next(3) > 0,
          reason: `reason ${next(100)}`,
        };
    }
  });
}

export async function apply(ledger: AttemptLedger, partition: PartitionRef, op: LedgerOp) {
  switch (op.op) {
    case 'chunk':
      return ledger.beginChunk(partition, op.offset);
    case 'message':
      return ledger.beginMessage(partition, op.offset, op.chunkFailures);
    case 'fail':
      await ledger.fail(partition, op.kind, op.offset, { reason: op.reason, counts: op.counts });
      return undefined;
  }
}
