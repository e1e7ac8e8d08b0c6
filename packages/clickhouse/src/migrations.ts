/**
 * Schema migrations: `NNNN_name.sql` files applied in version order, each once,
 * recorded in `schema_migrations`. Concurrent runners are tolerated, not locked
 * out: migrations must be idempotent DDL (IF NOT EXISTS), a record is written
 * only after its statements succeeded, and duplicate records collapse
 * (ReplacingMergeTree, read grouped by version).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
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
  logger?: { info(obj: object, msg: string): void };
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

  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${table} (
      version UInt32,
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  });

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
    for (const statement of m.statements) {
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
    options.logger?.info({ file: m.file, statements: m.statements.length }, 'migration applied');
    result.applied.push(m.file);
  }
  return result;
}
