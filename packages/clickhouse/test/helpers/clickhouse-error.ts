import { ClickHouseError } from '@clickhouse/client';
import { expect } from 'vitest';

/** The ClickHouseError a client call fails with (and a failed expectation if it does not fail so). */
export async function clickHouseError(p: Promise<unknown>): Promise<ClickHouseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClickHouseError);
  return err as ClickHouseError;
}
