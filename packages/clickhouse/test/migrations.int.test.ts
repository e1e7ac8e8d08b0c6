/** Migrations against the embedded server through the real client. */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse } from '../src/client.js';
import { MigrationError, runMigrations } from '../src/migrations.js';
import { type ChildServer, removeDir, startChildServer, tempDir } from './helpers/child-server.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'migrations');
let server: ChildServer;
let client: ClickHouseClient;
let dir: string;

beforeAll(async () => {
  server = await startChildServer();
  client = createClickHouse({ url: server.url });
  dir = tempDir('faultline-migrations-');
  cpSync(fixtures, dir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
  if (dir) removeDir(dir);
});

describe('runMigrations', () => {
  it('applies each file once, records it, and applies nothing the second time', async () => {
    const first = await runMigrations(client, { dir, database: 'mig' });
    expect(first).toEqual({ applied: ['0001_events.sql', '0002_rollup.sql'], alreadyApplied: [] });

    const rs = await client.query({
      query: 'SELECT version, name, length(checksum) AS len FROM mig.schema_migrations ORDER BY version',
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([
      { version: 1, name: 'events', len: '64' },
      { version: 2, name: 'rollup', len: '64' },
    ]);
    // The schema works: the view feeds the rollup.
    await client.insert({
      table: 'mig.test_events',
      values: [{ id: crypto.randomUUID(), ts: '2024-01-01 00:00:10' }],
      format: 'JSONEachRow',
    });
    const counts = await client.query({
      query: 'SELECT sum(n) AS n FROM mig.test_counts',
      format: 'JSONEachRow',
    });
    expect(await counts.json()).toEqual([{ n: '1' }]);

    const second = await runMigrations(client, { dir, database: 'mig' });
    expect(second).toEqual({ applied: [], alreadyApplied: ['0001_events.sql', '0002_rollup.sql'] });
    const n = await client.query({
      query: 'SELECT count() AS c FROM mig.schema_migrations',
      format: 'JSONEachRow',
    });
    expect(await n.json()).toEqual([{ c: '2' }]);
  });

  it('applies only new files', async () => {
    writeFileSync(
      path.join(dir, '0003_extra.sql'),
      'CREATE TABLE IF NOT EXISTS {database}.test_extra (x UInt8) ENGINE = Memory;\n',
    );
    expect(await runMigrations(client, { dir, database: 'mig' })).toEqual({
      applied: ['0003_extra.sql'],
      alreadyApplied: ['0001_events.sql', '0002_rollup.sql'],
    });
  });

  it('refuses a changed file that was already applied, naming it', async () => {
    writeFileSync(path.join(dir, '0002_rollup.sql'), 'SELECT 1;\n');
    const err = await runMigrations(client, { dir, database: 'mig' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).file).toBe('0002_rollup.sql');
    expect((err as Error).message).toContain('0002_rollup.sql');
  });

  it('tolerates concurrent runners: applied once as far as the record shows', async () => {
    const fresh = tempDir('faultline-migrations-');
    try {
      cpSync(fixtures, fresh, { recursive: true });
      const results = await Promise.all(
        [1, 2, 3].map(() => runMigrations(client, { dir: fresh, database: 'race' })),
      );
      for (const r of results)
        expect([...r.applied, ...r.alreadyApplied].sort()).toEqual(['0001_events.sql', '0002_rollup.sql']);
      const again = await runMigrations(client, { dir: fresh, database: 'race' });
      expect(again.applied).toEqual([]);
    } finally {
      removeDir(fresh);
    }
  });
});
