import { createClickHouse } from '@faultline/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/free-port.js';
import { isInsertOutage } from '../../src/ingest/insert-failure.js';
import { infraEndpoints, uniqueName } from '../support/infra.js';

/** Real errors from the real server, each classified: the row's fault (counted) or the server's state (retried). */
const table = `default.${uniqueName('insert_failure')}`;
const client = createClickHouse({ url: infraEndpoints().clickhouseUrl });
const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => undefined,
    (error: unknown) => error,
  );

beforeAll(async () => {
  await client.command({
    query: `CREATE TABLE ${table} (time DateTime64(3, 'UTC'), n UInt8) ENGINE = MergeTree ORDER BY time`,
  });
});
afterAll(async () => {
  await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
  await client.close();
});

describe('isInsertOutage', () => {
  it.each([
    { id: 'a value the column cannot parse', row: { time: 'not a time', n: 1 } },
    { id: 'a number out of the column type', row: { time: '2026-01-01 00:00:00', n: 'many' } },
  ])('the row’s fault: $id', async ({ row }) => {
    const error = await failure(() => client.insert({ table, values: [row], format: 'JSONEachRow' }));
    expect(error).toBeDefined();
    expect(isInsertOutage(error)).toBe(false);
  });

  it('the server’s state: a query over its time limit', async () => {
    const error = await failure(() =>
      client.query({
        query: 'SELECT sleepEachRow(0.5) FROM numbers(10)',
        clickhouse_settings: { max_execution_time: 1, max_block_size: '1' },
      }),
    );
    expect(error).toBeDefined();
    expect(isInsertOutage(error)).toBe(true);
  });

  it('the server’s state: nothing listening', async () => {
    const closed = createClickHouse({ url: `http://127.0.0.1:${await freePort()}`, requestTimeoutMs: 2000 });
    const error = await failure(() =>
      closed.insert({ table, values: [{ time: '2026-01-01 00:00:00', n: 1 }], format: 'JSONEachRow' }),
    );
    await closed.close();
    expect(isInsertOutage(error)).toBe(true);
  });

  it('a bug of ours is not an outage', () => {
    expect(isInsertOutage(new TypeError('x is undefined'))).toBe(false);
  });
});
