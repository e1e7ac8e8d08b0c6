/**
 * Runs DDL on a private chDB (the real ClickHouse engine) configured as one node of a
 * cluster: `remote_servers`, `{shard}`/`{replica}` macros and an in-process test keeper.
 * It has no DDL worker, so statements arrive with ON CLUSTER removed (what each node's
 * DDL worker runs), and its replicas stay read-only: DDL is checked for real, inserts are not.
 *
 * Usage: tsx cluster-chdb.ts <cluster> <database> < statements.json; prints the schema as one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [cluster = '', database = ''] = process.argv.slice(2);
const statements = JSON.parse(readFileSync(0, 'utf8')) as string[];
const dir = mkdtempSync(path.join(tmpdir(), 'faultline-cluster-chdb-'));
writeFileSync(
  path.join(dir, 'config.xml'),
  `<clickhouse>
  <tcp_port>9000</tcp_port>
  <zookeeper><implementation>testkeeper</implementation></zookeeper>
  <macros><shard>01</shard><replica>r1</replica></macros>
  <remote_servers><${cluster}><shard><internal_replication>true</internal_replication>
    <replica><host>localhost</host><port>9000</port></replica>
  </shard></${cluster}></remote_servers>
</clickhouse>`,
);
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(here, '../../../../../packages/clickhouse/package.json'));
// chdb is @faultline/clickhouse's dependency, not this service's: resolved from there, typed by what is used.
interface ChdbSession {
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
}
const { Session } = require('chdb') as {
  Session: new (path: string, opts: { connectionArgs: string[] }) => ChdbSession;
};
const session = new Session(path.join(dir, 'data'), { connectionArgs: [`--config-file=${dir}/config.xml`] });
const json = async (sql: string) =>
  (await session.queryAsync(sql, { format: 'JSONEachRow' }))
    .text()
    .split('\n')
    .filter(Boolean)
    .map((line: string) => JSON.parse(line) as Record<string, unknown>);
try {
  for (const statement of statements) {
    try {
      await session.queryAsync(statement);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n-- in --\n${statement}`);
    }
  }
  const where = `database = '${database}'`;
  process.stdout.write(
    `${JSON.stringify({
      tables: await json(
        `SELECT name, engine, engine_full, as_select FROM system.tables WHERE ${where} ORDER BY name`,
      ),
      columns: await json(
        `SELECT table, name, type, position FROM system.columns WHERE ${where} ORDER BY table, position`,
      ),
      replicas: await json(
        `SELECT table, zookeeper_path, replica_name FROM system.replicas WHERE ${where} ORDER BY table`,
      ),
      clusters: await json(`SELECT cluster, is_local FROM system.clusters WHERE cluster = '${cluster}'`),
    })}\n`,
  );
  rmSync(dir, { recursive: true, force: true });
  // Shutting down read-only replicas can block for minutes: the parent kills this process once it has the line.
  process.exit(0);
} catch (err) {
  process.stderr.write(String((err as Error).message));
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
