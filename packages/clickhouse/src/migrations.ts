/**
 * Schema migrations: `NNNN_name.sql` files applied in version order, each once,
 * recorded in `schema_migrations`. Concurrent runners are tolerated, not locked
 * out: migrations must be idempotent DDL (IF NOT EXISTS), a record is written
 * only after its statements succeeded, and duplicate records collapse
 * (ReplacingMergeTree, read grouped by version).
 *
 * With `cluster` set, the same files are rendered for a cluster (cluster-ddl.ts) and the
 * record lives in one replication group spanning the whole cluster (bookkeepingStatements).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { type ClusterTarget, distributedTableNames, renderForCluster } from './cluster-ddl.js';
import { tokenize } from './embedded/sql.js';

export interface Migration {
  version: number;
  name: string;
  file: string;
  /** sha256 of the file as written, before substitution. */
  checksum: string;
  statements: string[];
}

export interface MigrateOptions {
  /** Folder of `NNNN_name.sql` files. */
  dir: string;
  /** Replaces `{database}` in the files and holds schema_migrations. @default 'default' */
  database?: string;
  /** Extra `{name}` substitutions. */
  variables?: Record<string, string>;
  /** Cluster mode; absent: one server, statements exactly as written. */
  cluster?: ClusterMigrateOptions;
  logger?: { info(obj: object, msg: string): void };
}

export interface ClusterMigrateOptions {
  /** Name in the servers' `remote_servers`. */
  name: string;
  /** Table -> sharding expression of its Distributed table; every MergeTree table needs one. */
  shardingKeys: Readonly<Record<string, string>>;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_RE = /^(\d+)_([A-Za-z0-9_.-]+)\.sql$/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseMigrationFileName(file: string): { version: number; name: string } | undefined {
  const m = FILE_RE.exec(file);
  return m ? { version: Number(m[1]), name: m[2] as string } : undefined;
}

/** Splits on top-level `;` (not inside strings or comments); drops empty and comment-only pieces. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start: number | undefined;
  for (const t of tokenize(sql)) {
    if (t.text === ';') {
      if (start !== undefined) out.push(sql.slice(start, t.start).trim());
      start = undefined;
    } else start ??= t.start;
  }
  if (start !== undefined) out.push(sql.slice(start).trim());
  return out;
}

/** `{name}` placeholders only; ClickHouse query parameters (`{name:Type}`) are left alone. */
export function substitute(sql: string, vars: Record<string, string>): string {
  return sql.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

export function checksumOf(contents: string): string {
  return createHash('sha256').update(contents).digest('hex');
}

export async function loadMigrations(dir: string, vars: Record<string, string> = {}): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    if (!file.endsWith('.sql')) continue;
    const parsed = parseMigrationFileName(file);
    if (!parsed) throw new MigrationError(`Migration file name must look like 0001_name.sql: ${file}`, file);
    const contents = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      ...parsed,
      file,
      checksum: checksumOf(contents),
      statements: splitStatements(substitute(contents, vars)),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    const [prev, cur] = [migrations[i - 1] as Migration, migrations[i] as Migration];
    if (prev.version === cur.version)
      throw new MigrationError(
        `Two migrations with version ${cur.version}: ${prev.file}, ${cur.file}`,
        cur.file,
      );
  }
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export async function runMigrations(
  client: ClickHouseClient,
  options: MigrateOptions,
): Promise<MigrateResult> {
  const database = options.database ?? 'default';
  if (!IDENT_RE.test(database)) throw new Error(`Invalid database name: ${database}`);
  const table = `${database}.schema_migrations`;
  const migrations = await loadMigrations(options.dir, { database, ...options.variables });

  // Rendered before anything runs: a file the cluster rendering refuses fails the start, not half a migration.
  const render = statementRenderer(migrations, database, options.cluster);
  const statements = new Map(
    migrations.map((m) => {
      try {
        return [m.version, m.statements.flatMap(render)] as const;
      } catch (err) {
        throw new MigrationError(
          `Migration ${m.file} cannot run on a cluster: ${(err as Error).message}`,
          m.file,
        );
      }
    }),
  );
  for (const query of bookkeepingStatements(database, options.cluster?.name)) await client.command({ query });

  const rs = await client.query({
    query: `SELECT version, argMin(name, applied_at) AS name, argMin(checksum, applied_at) AS checksum
            FROM ${table} GROUP BY version`,
    format: 'JSONEachRow',
  });
  const applied = new Map((await rs.json<AppliedRow>()).map((r) => [Number(r.version), r]));

  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    const done = applied.get(m.version);
    if (done) {
      if (done.checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.file} was changed after it was applied (checksum ${done.checksum.slice(0, 12)} recorded, ${m.checksum.slice(0, 12)} on disk)`,
          m.file,
        );
      }
      result.alreadyApplied.push(m.file);
      continue;
    }
    for (const statement of statements.get(m.version) ?? []) {
      try {
        await client.command({ query: statement });
      } catch (err) {
        throw new MigrationError(`Migration ${m.file} failed: ${(err as Error).message}`, m.file);
      }
    }
    await client.insert({
      table,
      values: [{ version: m.version, name: m.name, checksum: m.checksum }],
      format: 'JSONEachRow',
    });
    options.logger?.info(
      { file: m.file, statements: statements.get(m.version)?.length },
      'migration applied',
    );
    result.applied.push(m.file);
  }
  return result;
}

/**
 * The database and the record table. On a cluster the record table is replicated across
 * every node (a path without `{shard}`, replica names made unique with the shard), so any
 * node behind a load balancer answers what was applied. Several runners at once are safe
 * as on one server: ON CLUSTER DDL is queued in Keeper and run on each node in order,
 * IF NOT EXISTS makes repeats no-ops, and duplicate records collapse (ReplacingMergeTree).
 */
export function bookkeepingStatements(database: string, cluster?: string): string[] {
  const on = cluster ? ` ON CLUSTER ${cluster}` : '';
  const engine = cluster
    ? "ReplicatedReplacingMergeTree('/clickhouse/tables/all-shards/{database}/{table}', '{shard}-{replica}')"
    : 'ReplacingMergeTree';
  return [
    `CREATE DATABASE IF NOT EXISTS ${database}${on}`,
    `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations${on} (
      version UInt32,
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ${engine} ORDER BY version`,
  ];
}

/** Identity on one server; the cluster rendering of each statement otherwise. */
export function statementRenderer(
  migrations: readonly Migration[],
  database: string,
  cluster: ClusterMigrateOptions | undefined,
): (statement: string) => string[] {
  if (!cluster) return (statement) => [statement];
  const target: ClusterTarget = { cluster: cluster.name, database, shardingKeys: cluster.shardingKeys };
  // Names from every migration, so a view in a later file still finds an earlier file's `_local` table.
  const distributed = distributedTableNames(migrations.flatMap((m) => m.statements));
  return (statement) => renderForCluster(statement, target, distributed);
}
