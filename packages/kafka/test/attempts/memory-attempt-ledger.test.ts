import { describe, expect, it } from 'vitest';
import { MemoryAttemptLedger } from '../../src/memory/memory-attempt-ledger.js';
import { apply, LEDGER_CASES } from './attempt-cases.js';

describe('attempt ledger rules (in memory)', () => {
  it.each(LEDGER_CASES)('$id', async ({ ops, returns }) => {
    const ledger = new MemoryAttemptLedger();
    const partition = { topic: 'events', partition: 0 };
    const got = [];
    for (const op of ops) got.push(await apply(ledger, partition, op));
    expect(got).toEqual(returns);
  });
});
