import { describe, expect, it } from 'vitest';
import {
  ClusterDdlError,
  type ClusterTarget,
  distributedTableNames,
  renderForCluster,
} from '../../src/cluster-ddl.js';
import { bookkeepingStatements, statementRenderer } from '../../src/migrations.js';

const target: ClusterTarget = {
  cluster: 'fl',
  database: 'db',
  shardingKeys: { t: 'cityHash64(a)', events: 'kafka_partition', counts: 'a' },
};
const twinned = new Set(['t', 'events', 'counts']);

describe('renderForCluster: CREATE TABLE', () => {
  it.each([
    {
      id: 'plain MergeTree without parentheses',
      engine: 'MergeTree',
      replicated: "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
    },
    {
      id: 'MergeTree()',
      engine: 'MergeTree()',
      replicated: "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
    },
    {
      id: 'SummingMergeTree keeps its columns',
      engine: 'SummingMergeTree(events)',
      replicated:
        "ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', events)",
    },
    {
      id: 'ReplacingMergeTree keeps its version',
      engine: 'ReplacingMergeTree(archived_at)',
      replicated:
        "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', archived_at)",
    },
    {
      id: 'AggregatingMergeTree',
      engine: 'AggregatingMergeTree',
      replicated:
        "ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
    },
    {
      id: 'an already Replicated engine is kept',
      engine: "ReplicatedMergeTree('/x/{shard}', '{replica}')",
      replicated: "ReplicatedMergeTree('/x/{shard}', '{replica}')",
    },
  ])('$id', ({ engine, replicated }) => {
    const sql = `CREATE TABLE IF NOT EXISTS db.t\n(\n    a UInt8 COMMENT 'ENGINE = Memory; not a clause',\n    b String\n)\nENGINE = ${engine}\nORDER BY a`;
    expect(renderForCluster(sql, target, twinned)).toEqual([
      `CREATE TABLE IF NOT EXISTS db.t_local ON CLUSTER fl\n(\n    a UInt8 COMMENT 'ENGINE = Memory; not a clause',\n    b String\n)\nENGINE = ${replicated}\nORDER BY a`,
      'CREATE TABLE IF NOT EXISTS db.t ON CLUSTER fl AS db.t_local\nENGINE = Distributed(fl, db, t_local, cityHash64(a))',
    ]);
  });

  it('swaps the non-replicated dedup window for the replicated one and keeps the other clauses', () => {
    const [local] = renderForCluster(
      'CREATE TABLE db.events (time DateTime, kafka_partition UInt32) ENGINE = MergeTree PARTITION BY toYYYYMMDD(time) ORDER BY time TTL time + INTERVAL 30 DAY SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000',
      target,
      twinned,
    );
    expect(local).toBe(
      "CREATE TABLE db.events_local ON CLUSTER fl (time DateTime, kafka_partition UInt32) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') PARTITION BY toYYYYMMDD(time) ORDER BY time TTL time + INTERVAL 30 DAY SETTINGS index_granularity = 8192, replicated_deduplication_window = 1000",
    );
  });

  it('qualifies an unqualified table with the target database', () => {
    expect(
      renderForCluster('CREATE TABLE t (a UInt8) ENGINE = MergeTree ORDER BY a', target, twinned),
    ).toEqual([
      "CREATE TABLE db.t_local ON CLUSTER fl (a UInt8) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') ORDER BY a",
      'CREATE TABLE db.t ON CLUSTER fl AS db.t_local\nENGINE = Distributed(fl, db, t_local, cityHash64(a))',
    ]);
  });

  it.each([
    {
      id: 'an engine with no replicated form',
      sql: 'CREATE TABLE db.t (a UInt8) ENGINE = Memory',
      code: 'FL_CH_CLUSTER_UNSUPPORTED_ENGINE',
    },
    { id: 'no ENGINE clause', sql: 'CREATE TABLE db.t (a UInt8)', code: 'FL_CH_CLUSTER_UNSUPPORTED_ENGINE' },
    {
      id: 'a table without sharding key',
      sql: 'CREATE TABLE db.other (a UInt8) ENGINE = MergeTree ORDER BY a',
      code: 'FL_CH_CLUSTER_NO_SHARDING_KEY',
    },
    { id: 'an unsupported statement', sql: 'DROP TABLE db.t', code: 'FL_CH_CLUSTER_UNSUPPORTED_STATEMENT' },
    {
      id: 'a view with an inner table',
      sql: 'CREATE MATERIALIZED VIEW db.v ENGINE = MergeTree ORDER BY a AS SELECT a FROM db.t',
      code: 'FL_CH_CLUSTER_UNSUPPORTED_STATEMENT',
    },
  ])('refuses $id', ({ sql, code }) => {
    const err = (() => {
      try {
        renderForCluster(sql, target, twinned);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ClusterDdlError);
    expect((err as ClusterDdlError).code).toBe(code);
  });

  it('refuses a cluster name that is not an identifier', () => {
    expect(() => renderForCluster('CREATE DATABASE db', { ...target, cluster: 'a b' }, twinned)).toThrow(
      /Invalid cluster name/,
    );
  });
});

describe('renderForCluster: other statements', () => {
  it('adds ON CLUSTER to CREATE DATABASE', () => {
    expect(renderForCluster('CREATE DATABASE IF NOT EXISTS db', target, twinned)).toEqual([
      'CREATE DATABASE IF NOT EXISTS db ON CLUSTER fl',
    ]);
  });

  it('points a materialized view at the local tables, source and target', () => {
    const sql =
      'CREATE MATERIALIZED VIEW IF NOT EXISTS db.counts_mv TO db.counts AS\nSELECT a, count() AS n\nFROM db.events WHERE a IN (SELECT a FROM db.t) AND db.events.a > 0 GROUP BY a';
    expect(renderForCluster(sql, target, twinned)).toEqual([
      'CREATE MATERIALIZED VIEW IF NOT EXISTS db.counts_mv ON CLUSTER fl TO db.counts_local AS\nSELECT a, count() AS n\nFROM db.events_local WHERE a IN (SELECT a FROM db.t_local) AND db.events_local.a > 0 GROUP BY a',
    ]);
  });

  it.each([
    {
      id: 'a column change reaches the local and the Distributed table',
      sql: 'ALTER TABLE db.events ADD COLUMN IF NOT EXISTS x UInt8',
      expected: [
        'ALTER TABLE db.events_local ON CLUSTER fl ADD COLUMN IF NOT EXISTS x UInt8',
        'ALTER TABLE db.events ON CLUSTER fl ADD COLUMN IF NOT EXISTS x UInt8',
      ],
    },
    {
      id: 'a storage change reaches the local table only',
      sql: 'ALTER TABLE db.events MODIFY TTL toDateTime(time) + INTERVAL 7 DAY',
      expected: ['ALTER TABLE db.events_local ON CLUSTER fl MODIFY TTL toDateTime(time) + INTERVAL 7 DAY'],
    },
    {
      id: 'a table without twin is altered as named',
      sql: 'ALTER TABLE db.counts_mv MODIFY QUERY SELECT 1',
      expected: ['ALTER TABLE db.counts_mv ON CLUSTER fl MODIFY QUERY SELECT 1'],
    },
  ])('ALTER: $id', ({ sql, expected }) => {
    expect(renderForCluster(sql, target, twinned)).toEqual(expected);
  });
});

describe('distributedTableNames', () => {
  it('names the MergeTree-family tables only', () => {
    expect(
      distributedTableNames([
        'CREATE TABLE IF NOT EXISTS db.a (x UInt8) ENGINE = SummingMergeTree(x) ORDER BY x',
        'CREATE TABLE db.b (x UInt8) ENGINE = Memory',
        'CREATE MATERIALIZED VIEW db.v TO db.a AS SELECT 1 AS x',
      ]),
    ).toEqual(new Set(['a']));
  });
});

describe('bookkeeping', () => {
  it('is unchanged on one server', () => {
    expect(bookkeepingStatements('mig')).toEqual([
      'CREATE DATABASE IF NOT EXISTS mig',
      `CREATE TABLE IF NOT EXISTS mig.schema_migrations (
      version UInt32,
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
    ]);
  });

  it('is one replication group over the whole cluster: no {shard} in the path, unique replica names', () => {
    const [db, table] = bookkeepingStatements('mig', 'fl');
    expect(db).toBe('CREATE DATABASE IF NOT EXISTS mig ON CLUSTER fl');
    expect(table).toContain('CREATE TABLE IF NOT EXISTS mig.schema_migrations ON CLUSTER fl (');
    expect(table).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all-shards/{database}/{table}', '{shard}-{replica}') ORDER BY version",
    );
  });
});

describe('statementRenderer', () => {
  const migrations = [
    {
      version: 1,
      name: 'a',
      file: '0001_a.sql',
      checksum: '',
      statements: ['CREATE TABLE db.t (a UInt8) ENGINE = MergeTree ORDER BY a'],
    },
    {
      version: 2,
      name: 'b',
      file: '0002_b.sql',
      checksum: '',
      statements: ['CREATE MATERIALIZED VIEW db.v TO db.counts AS SELECT a FROM db.t'],
    },
  ];

  it('is the identity on one server', () => {
    const render = statementRenderer(migrations, 'db', undefined);
    expect(render('CREATE TABLE db.t (a UInt8) ENGINE = Memory')).toEqual([
      'CREATE TABLE db.t (a UInt8) ENGINE = Memory',
    ]);
  });

  it('sees tables of earlier migrations from a later one', () => {
    const render = statementRenderer(migrations, 'db', { name: 'fl', shardingKeys: {} });
    expect(render('CREATE MATERIALIZED VIEW db.v TO db.counts AS SELECT a FROM db.t')).toEqual([
      'CREATE MATERIALIZED VIEW db.v ON CLUSTER fl TO db.counts AS SELECT a FROM db.t_local',
    ]);
  });
});
