/** Start, stop and restart: in-process via startEmbeddedClickHouse, and as a process on SIGTERM. */
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedClickHouse } from '../../src/embedded/server.js';
import { removeDir, startChildServer, tempDir } from '../helpers/child-server.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function count(client: ClickHouseClient): Promise<string | undefined> {
  const rs = await client.query({ query: 'SELECT count() AS c FROM kept', format: 'JSONEachRow' });
  return (await rs.json<{ c: string }>())[0]?.c;
}

describe('embedded server lifecycle', () => {
  it('keeps data across close and start on the same data dir (in process)', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const logger = pino({ level: 'silent' });
    const first = await startEmbeddedClickHouse({ port: 0, dataDir, logger });
    const c1 = createClient({ url: first.url });
    await c1.command({ query: 'CREATE TABLE kept (id UInt32) ENGINE = MergeTree ORDER BY id' });
    await c1.insert({ table: 'kept', values: [{ id: 1 }, { id: 2 }, { id: 3 }], format: 'JSONEachRow' });
    await c1.close();
    await first.close();
    await first.close(); // idempotent

    const second = await startEmbeddedClickHouse({ port: 0, dataDir, logger });
    const c2 = createClient({ url: second.url });
    try {
      expect(await count(c2)).toBe('3');
    } finally {
      await c2.close();
      await second.close();
    }
  });

  it('shuts down cleanly on SIGTERM and SIGINT and restarts on the same dir (process)', async () => {
    const first = await startChildServer();
    dirs.push(first.dataDir);
    const c1 = createClient({ url: first.url });
    await c1.command({ query: 'CREATE TABLE kept (id UInt32) ENGINE = MergeTree ORDER BY id' });
    await c1.insert({ table: 'kept', values: [{ id: 1 }, { id: 2 }], format: 'JSONEachRow' });
    await c1.close();
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = await startChildServer(first.dataDir);
    const c2 = createClient({ url: second.url });
    try {
      expect(await count(c2)).toBe('2');
    } finally {
      await c2.close();
      expect(await second.stop('SIGINT')).toBe(0);
    }
  });
});
