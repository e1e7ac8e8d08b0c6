import { createClient } from '@clickhouse/client';
import { afterAll, expect, inject, it } from 'vitest';

const clickhouse = createClient({ url: inject('infra').clickhouseUrl });
afterAll(() => clickhouse.close());

it('answers a query over the HTTP interface', async () => {
  const result = await clickhouse.query({ query: 'SELECT 1 + 1 AS two', format: 'JSONEachRow' });
  expect(await result.json()).toEqual([{ two: 2 }]);
});
