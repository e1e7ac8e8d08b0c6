/** The metrics migrations rendered for a cluster: every table and view, checked statement by statement. */
import {
  bookkeepingStatements,
  loadMigrations,
  localTableName,
  statementRenderer,
} from '@faultline/clickhouse';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/storage/migrate.js';
import { METRICS_SHARDING_KEYS } from '../../src/storage/sharding.js';

const db = 'fl';
const vars = {
  database: db,
  retention_days: '30',
  rollup_retention_days: '400',
  audit_retention_days: '400',
  alert_retention_days: '90',
  ticket_retention_days: '400',
  archive_retention_days: '400',
};
const migrations = await loadMigrations(MIGRATIONS_DIR, vars);
const fileStatements = migrations.flatMap((m) => m.statements);
const render = statementRenderer(migrations, db, { name: 'faultline', shardingKeys: METRICS_SHARDING_KEYS });
const rendered = fileStatements.map((sql) => ({ sql, out: render(sql) }));

const createdTable = (sql: string) => /^CREATE TABLE IF NOT EXISTS fl\.(\w+)/.exec(sql)?.[1];
const tables = fileStatements.map(createdTable).filter((t): t is string => t !== undefined);
const views = fileStatements.filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
const columnsOf = (sql: string) =>
  [...(sql.slice(sql.indexOf('('), sql.indexOf('\nENGINE')).matchAll(/^\s{4}(\w+)\s/gm) ?? [])].map(
    (m) => m[1],
  );

describe('metrics migrations on a cluster', () => {
  it('covers the tables and views the services use', () => {
    expect(tables.sort()).toEqual(Object.keys(METRICS_SHARDING_KEYS).sort());
    expect(views).toHaveLength(7);
  });

  it.each(
    rendered.filter((r) => createdTable(r.sql)).map((r) => ({ table: createdTable(r.sql) as string, ...r })),
  )(
    '$table: a Replicated local table of the same family and a Distributed table over it',
    ({ table, sql, out }) => {
      const [local, distributed, ...rest] = out;
      expect(rest).toEqual([]);
      const engine = /ENGINE = (\w+)(\(([^)]*)\))?/.exec(sql);
      const family = engine?.[1] as string;
      const ownArgs = engine?.[3] ? `, ${engine[3]}` : '';
      expect(local).toContain(`CREATE TABLE IF NOT EXISTS fl.${localTableName(table)} ON CLUSTER faultline`);
      expect(local).toContain(
        `ENGINE = Replicated${family}('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'${ownArgs})`,
      );
      // Everything else (columns, keys, TTL) is the file's text.
      expect(columnsOf(local as string)).toEqual(columnsOf(sql));
      expect(local).not.toContain('non_replicated_deduplication_window');
      if (sql.includes('non_replicated_deduplication_window'))
        expect(local).toContain('replicated_deduplication_window = 1000');
      // `AS <local>` gives the Distributed table exactly the local table's columns.
      expect(distributed).toBe(
        `CREATE TABLE IF NOT EXISTS fl.${table} ON CLUSTER faultline AS fl.${table}_local\n` +
          `ENGINE = Distributed(faultline, fl, ${table}_local, ${METRICS_SHARDING_KEYS[table]})`,
      );
    },
  );

  it.each(Object.entries(METRICS_SHARDING_KEYS))(
    '%s: the sharding key names columns of the table',
    (table, key) => {
      const create = fileStatements.find((s) => createdTable(s) === table) as string;
      const identifiers = key.match(/\b[a-z_]+\b(?!\()/g) ?? [];
      expect(identifiers.length).toBeGreaterThan(0);
      for (const column of identifiers) expect(columnsOf(create)).toContain(column);
    },
  );

  it.each(views.map((sql) => ({ view: /VIEW IF NOT EXISTS fl\.(\w+)/.exec(sql)?.[1], sql })))(
    '$view reads and writes local tables only, on every node',
    ({ sql }) => {
      const [out, ...rest] = render(sql);
      expect(rest).toEqual([]);
      expect(out).toMatch(
        /^CREATE MATERIALIZED VIEW IF NOT EXISTS fl\.\w+ ON CLUSTER faultline TO fl\.\w+_local AS/,
      );
      const references = [...(out as string).matchAll(/\bfl\.(\w+)/g)].map((m) => m[1] as string).slice(1);
      expect(references.length).toBeGreaterThanOrEqual(2);
      for (const name of references) expect(name).toMatch(/_local$/);
    },
  );

  it.each(fileStatements.filter((sql) => sql.startsWith('ALTER TABLE')).map((sql) => ({ sql })))(
    'retention: $sql runs on the local tables of every node',
    ({ sql }) => {
      const [out, ...rest] = render(sql);
      expect(rest).toEqual([]);
      expect(out).toMatch(/^ALTER TABLE fl\.\w+_local ON CLUSTER faultline MODIFY TTL /);
    },
  );

  it('is exactly the files on one server', () => {
    const single = statementRenderer(migrations, db, undefined);
    expect(fileStatements.flatMap(single)).toEqual(fileStatements);
    expect(bookkeepingStatements(db)).toEqual(bookkeepingStatements(db, undefined));
  });
});
