/**
 * Cluster-mode migrations through the real ClickHouse engine, without a cluster (no Keeper
 * or server binary here): every statement, ON CLUSTER included, through the shared embedded
 * server's parser (EXPLAIN AST), and the schema they build on a private chDB configured as
 * one node of the cluster (support/cluster-chdb.ts: engines, macros, column lists for real).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bookkeepingStatements,
  createClickHouse,
  loadMigrations,
  statementRenderer,
} from '@faultline/clickhouse';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/storage/migrate.js';
import { METRICS_SHARDING_KEYS } from '../../src/storage/sharding.js';
import { infraEndpoints, uniqueName } from '../support/infra.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLUSTER = 'faultline';
const db = uniqueName('fl_cluster');
const migrations = await loadMigrations(MIGRATIONS_DIR, {
  database: db,
  retention_days: '30',
  rollup_retention_days: '400',
  audit_retention_days: '400',
  alert_retention_days: '90',
  ticket_retention_days: '400',
  archive_retention_days: '400',
});
const render = statementRenderer(migrations, db, { name: CLUSTER, shardingKeys: METRICS_SHARDING_KEYS });
const statements = [
  ...bookkeepingStatements(db, CLUSTER),
  ...migrations.flatMap((m) => m.statements.flatMap(render)),
];
const client = createClickHouse({ url: infraEndpoints().clickhouseUrl });

afterAll(async () => {
  await client.close();
});

interface Schema {
  tables: { name: string; engine: string; engine_full: string; as_select: string }[];
  columns: { table: string; name: string; type: string }[];
  replicas: { table: string; zookeeper_path: string; replica_name: string }[];
  clusters: { cluster: string; is_local: number }[];
}

/** Runs the statements as each node's DDL worker would (ON CLUSTER removed) on a private chDB node. */
function buildOnClusterNode(ddl: string[]): Promise<Schema> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'support', 'cluster-chdb.ts'), CLUSTER, db],
    {
      cwd: path.resolve(here, '../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdin.end(JSON.stringify(ddl.map((s) => s.replaceAll(` ON CLUSTER ${CLUSTER}`, ''))));
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise<Schema>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('\n')) return;
      child.kill('SIGKILL');
      resolve(JSON.parse(out) as Schema);
    });
    child.once('exit', (code) => reject(new Error(`cluster node exited with ${code}: ${err}`)));
  });
}

describe('metrics migrations, cluster mode', () => {
  it('every statement parses, ON CLUSTER and all', async () => {
    const files = migrations.flatMap((m) => m.statements);
    const count = (prefix: string) => files.filter((sql) => sql.startsWith(prefix)).length;
    // Bookkeeping (2), a local and a Distributed table per table, one statement per view and per ALTER.
    expect(statements.length).toBe(
      2 +
        Object.keys(METRICS_SHARDING_KEYS).length * 2 +
        count('CREATE MATERIALIZED VIEW') +
        count('ALTER TABLE'),
    );
    for (const query of statements) {
      expect(query).toContain(`ON CLUSTER ${CLUSTER}`);
      const rs = await client.query({ query: `EXPLAIN AST ${query}`, format: 'TabSeparatedRaw' });
      const ast = await rs.text();
      expect(ast, query).toMatch(/^(CreateQuery|AlterQuery) /);
    }
  });

  it('builds the cluster schema on a node: Replicated locals, matching Distributed tables, views on locals', async () => {
    // The node's replicas are read-only (no DDL worker), so it cannot run ALTERs: they are parsed above.
    const schema = await buildOnClusterNode(statements.filter((sql) => !sql.startsWith('ALTER TABLE')));
    expect(schema.clusters).toEqual([{ cluster: CLUSTER, is_local: 1 }]);
    const byName = new Map(schema.tables.map((t) => [t.name, t]));
    const columns = (table: string) =>
      schema.columns.filter((c) => c.table === table).map((c) => `${c.name} ${c.type}`);

    for (const [table, key] of Object.entries(METRICS_SHARDING_KEYS)) {
      const local = byName.get(`${table}_local`);
      expect(local?.engine, table).toMatch(/^Replicated\w*MergeTree$/);
      expect(byName.get(table)?.engine_full).toBe(
        `Distributed('${CLUSTER}', '${db}', '${table}_local', ${key})`,
      );
      expect(columns(table).length).toBeGreaterThan(0);
      expect(columns(table), table).toEqual(columns(`${table}_local`));
      expect(schema.replicas.find((r) => r.table === `${table}_local`)).toEqual({
        table: `${table}_local`,
        zookeeper_path: `/clickhouse/tables/01/${db}/${table}_local`,
        replica_name: 'r1',
      });
    }
    // Versions and summed columns survive the rename to Replicated.
    expect(byName.get('archived_groups_local')?.engine_full).toContain("'{replica}', archived_at)");
    expect(byName.get('events_per_hour_local')?.engine_full).toContain("'{replica}', events)");
    expect(byName.get('events_local')?.engine_full).toContain('replicated_deduplication_window = 1000');

    const views = schema.tables.filter((t) => t.engine === 'MaterializedView');
    expect(views).toHaveLength(7);
    for (const view of views) expect(view.as_select).toMatch(new RegExp(`FROM ${db}\\.\\w+_local\\b`));

    expect(schema.replicas.find((r) => r.table === 'schema_migrations')).toEqual({
      table: 'schema_migrations',
      zookeeper_path: `/clickhouse/tables/all-shards/${db}/schema_migrations`,
      replica_name: '01-r1',
    });
  }, 60_000);
});
