/**
 * Renders single-server migration DDL for a ClickHouse cluster: a pure function of the
 * statement and the cluster, so one set of migration files serves both modes.
 *
 * - every DDL gets `ON CLUSTER <cluster>`;
 * - a MergeTree-family table `t` becomes `t_local` with the Replicated engine of the same
 *   family (`'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'` first, the
 *   family's own arguments after), plus `t` = `Distributed(<cluster>, <db>, t_local, <key>)`
 *   over it, so readers and writers keep using the public name;
 * - a materialized view reads and writes the `_local` tables: each shard rolls up its own rows;
 * - `non_replicated_deduplication_window` becomes `replicated_deduplication_window`.
 *
 * Anything it does not understand is refused (ClusterDdlError), never passed through: a
 * statement silently run on one node of a cluster is worse than a failed start.
 */
import { type Token, tokenize } from './embedded/sql.js';

export interface ClusterTarget {
  /** Name in the servers' `remote_servers`. */
  cluster: string;
  /** The database `{database}` was replaced with: names `<database>.t` are rewritten. */
  database: string;
  /** Table (public name) -> Distributed sharding expression. Every MergeTree table needs one. */
  shardingKeys: Readonly<Record<string, string>>;
}

export type ClusterDdlErrorCode =
  | 'FL_CH_CLUSTER_UNSUPPORTED_STATEMENT'
  | 'FL_CH_CLUSTER_UNSUPPORTED_ENGINE'
  | 'FL_CH_CLUSTER_NO_SHARDING_KEY'
  | 'FL_CH_CLUSTER_INVALID_NAME';

export class ClusterDdlError extends Error {
  constructor(
    readonly code: ClusterDdlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterDdlError';
  }
}

/** The conventional replication path: one ZooKeeper/Keeper node per shard and table. */
export const REPLICATION_PATH = "'/clickhouse/tables/{shard}/{database}/{table}'";
export const REPLICA_NAME = "'{replica}'";
export const LOCAL_SUFFIX = '_local';

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MERGE_TREE_RE =
  /^(Replicated)?(|Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Coalescing)MergeTree$/;

export function localTableName(table: string): string {
  return `${table}${LOCAL_SUFFIX}`;
}

export function assertIdentifier(kind: string, name: string): void {
  if (!IDENT_RE.test(name))
    throw new ClusterDdlError('FL_CH_CLUSTER_INVALID_NAME', `Invalid ${kind} name: ${name}`);
}

interface QualifiedName {
  database?: string;
  name: string;
  /** Token index of the name's first and last token. */
  first: number;
  last: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(sql: string, edits: Edit[]): string {
  let out = sql;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const word = (t: Token | undefined, w: string): boolean => t?.type === 'word' && t.text.toUpperCase() === w;

function unquote(t: Token): string {
  return t.type === 'ident' ? t.text.slice(1, -1) : t.text;
}

function readName(tokens: Token[], i: number): QualifiedName | undefined {
  const a = tokens[i];
  if (!a || (a.type !== 'word' && a.type !== 'ident')) return undefined;
  if (tokens[i + 1]?.text === '.' && tokens[i + 2]) {
    return { database: unquote(a), name: unquote(tokens[i + 2] as Token), first: i, last: i + 2 };
  }
  return { name: unquote(a), first: i, last: i };
}

/** Index just after `IF NOT EXISTS` / `IF EXISTS`, if present at i. */
function skipIfExists(tokens: Token[], i: number): number {
  if (!word(tokens[i], 'IF')) return i;
  return word(tokens[i + 1], 'NOT') ? i + 3 : i + 2;
}

/** Index of the first depth-0 token at or after `from` satisfying `pred`, or -1. */
function findTopLevel(tokens: Token[], from: number, pred: (t: Token) => boolean): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (depth === 0 && pred(t)) return i;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
  }
  return -1;
}

/** Index of the `)` matching the `(` at `open`. */
function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  throw new ClusterDdlError('FL_CH_CLUSTER_UNSUPPORTED_STATEMENT', 'Unbalanced parentheses');
}

function nameText(database: string, name: string): string {
  return `${database}.${name}`;
}

/** Public names of the MergeTree-family tables the statements create: these get a `_local` twin. */
export function distributedTableNames(statements: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const sql of statements) {
    const tokens = [...tokenize(sql)];
    if (!word(tokens[0], 'CREATE') || !word(tokens[1], 'TABLE')) continue;
    const name = readName(tokens, skipIfExists(tokens, 2));
    const engineAt = findTopLevel(tokens, 2, (t) => word(t, 'ENGINE'));
    const engine = tokens[engineAt + 2];
    if (name && engine && MERGE_TREE_RE.test(engine.text)) names.add(name.name);
  }
  return names;
}

/**
 * One single-server statement -> the statements that do the same on `target.cluster`.
 * `distributed` holds the public names of every table given a `_local` twin (all migrations).
 */
export function renderForCluster(
  sql: string,
  target: ClusterTarget,
  distributed: ReadonlySet<string>,
): string[] {
  assertIdentifier('cluster', target.cluster);
  assertIdentifier('database', target.database);
  const tokens = [...tokenize(sql)];
  const [t0, t1, t2] = tokens;
  if (word(t0, 'CREATE') && word(t1, 'DATABASE')) return [renderCreateDatabase(sql, tokens, target)];
  if (word(t0, 'CREATE') && word(t1, 'TABLE')) return renderCreateTable(sql, tokens, target);
  if (word(t0, 'CREATE') && word(t1, 'MATERIALIZED') && word(t2, 'VIEW'))
    return [renderMaterializedView(sql, tokens, target, distributed)];
  if (word(t0, 'ALTER') && word(t1, 'TABLE')) return renderAlterTable(sql, tokens, target, distributed);
  throw new ClusterDdlError(
    'FL_CH_CLUSTER_UNSUPPORTED_STATEMENT',
    `No cluster rendering for: ${sql.slice(0, 80)} (supported: CREATE DATABASE, CREATE TABLE, CREATE MATERIALIZED VIEW ... TO, ALTER TABLE)`,
  );
}

function onCluster(target: ClusterTarget): string {
  return ` ON CLUSTER ${target.cluster}`;
}

function requireName(tokens: Token[], i: number, sql: string): QualifiedName {
  const name = readName(tokens, i);
  if (!name)
    throw new ClusterDdlError('FL_CH_CLUSTER_UNSUPPORTED_STATEMENT', `No name in: ${sql.slice(0, 80)}`);
  return name;
}

function renderCreateDatabase(sql: string, tokens: Token[], target: ClusterTarget): string {
  const name = requireName(tokens, skipIfExists(tokens, 2), sql);
  const end = (tokens[name.last] as Token).end;
  return applyEdits(sql, [{ start: end, end, text: onCluster(target) }]);
}

function renderCreateTable(sql: string, tokens: Token[], target: ClusterTarget): string[] {
  const nameAt = skipIfExists(tokens, 2);
  const ifNotExists = nameAt > 2 ? 'IF NOT EXISTS ' : '';
  const name = requireName(tokens, nameAt, sql);
  const database = name.database ?? target.database;
  const engineAt = findTopLevel(tokens, name.last + 1, (t) => word(t, 'ENGINE'));
  const engine = tokens[engineAt + 2];
  if (engineAt < 0 || tokens[engineAt + 1]?.text !== '=' || !engine)
    throw new ClusterDdlError('FL_CH_CLUSTER_UNSUPPORTED_ENGINE', `${name.name}: no ENGINE clause`);
  const family = MERGE_TREE_RE.exec(engine.text);
  if (!family)
    throw new ClusterDdlError(
      'FL_CH_CLUSTER_UNSUPPORTED_ENGINE',
      `${name.name}: engine ${engine.text} has no replicated form; use a MergeTree-family engine`,
    );
  const shardingKey = target.shardingKeys[name.name];
  if (!shardingKey)
    throw new ClusterDdlError(
      'FL_CH_CLUSTER_NO_SHARDING_KEY',
      `${name.name}: no sharding key for its Distributed table (add one to the cluster's shardingKeys)`,
    );

  const local = localTableName(name.name);
  const edits: Edit[] = [
    {
      start: (tokens[name.first] as Token).start,
      end: (tokens[name.last] as Token).end,
      text: `${nameText(database, local)}${onCluster(target)}`,
    },
  ];
  // Engine: the Replicated form, replication arguments first, the family's own (version, columns) after.
  if (!family[1]) {
    const hasArgs = tokens[engineAt + 3]?.text === '(';
    const close = hasArgs ? matchingParen(tokens, engineAt + 3) : engineAt + 2;
    const ownArgs = hasArgs
      ? sql.slice((tokens[engineAt + 3] as Token).end, (tokens[close] as Token).start).trim()
      : '';
    edits.push({
      start: engine.start,
      end: (tokens[close] as Token).end,
      text: `Replicated${engine.text}(${[REPLICATION_PATH, REPLICA_NAME, ownArgs].filter(Boolean).join(', ')})`,
    });
  }
  const settingsAt = findTopLevel(tokens, engineAt, (t) => word(t, 'SETTINGS'));
  if (settingsAt >= 0) {
    for (const t of tokens.slice(settingsAt + 1))
      if (t.type === 'word' && t.text === 'non_replicated_deduplication_window')
        edits.push({ start: t.start, end: t.end, text: 'replicated_deduplication_window' });
  }
  const distributed =
    `CREATE TABLE ${ifNotExists}${nameText(database, name.name)}${onCluster(target)} AS ${nameText(database, local)}\n` +
    `ENGINE = Distributed(${target.cluster}, ${database}, ${local}, ${shardingKey})`;
  return [applyEdits(sql, edits), distributed];
}

/** `<database>.t` -> `<database>.t_local` for every twinned table after token `from`. */
function localReferences(
  tokens: Token[],
  from: number,
  target: ClusterTarget,
  distributed: ReadonlySet<string>,
): Edit[] {
  const edits: Edit[] = [];
  for (let i = from; i + 2 < tokens.length; i++) {
    const [a, dot, b] = [tokens[i] as Token, tokens[i + 1] as Token, tokens[i + 2] as Token];
    if (dot.text === '.' && unquote(a) === target.database && distributed.has(unquote(b)))
      edits.push({ start: b.start, end: b.end, text: localTableName(unquote(b)) });
  }
  return edits;
}

function renderMaterializedView(
  sql: string,
  tokens: Token[],
  target: ClusterTarget,
  distributed: ReadonlySet<string>,
): string {
  const name = requireName(tokens, skipIfExists(tokens, 3), sql);
  if (!word(tokens[name.last + 1], 'TO'))
    throw new ClusterDdlError(
      'FL_CH_CLUSTER_UNSUPPORTED_STATEMENT',
      `${name.name}: a materialized view needs TO <table> in cluster mode (its inner table would not be replicated)`,
    );
  const end = (tokens[name.last] as Token).end;
  return applyEdits(sql, [
    { start: end, end, text: onCluster(target) },
    ...localReferences(tokens, name.last + 1, target, distributed),
  ]);
}

function renderAlterTable(
  sql: string,
  tokens: Token[],
  target: ClusterTarget,
  distributed: ReadonlySet<string>,
): string[] {
  const name = requireName(tokens, 2, sql);
  const nameEnd = (tokens[name.last] as Token).end;
  if (!distributed.has(name.name))
    return [applyEdits(sql, [{ start: nameEnd, end: nameEnd, text: onCluster(target) }])];
  const database = name.database ?? target.database;
  const local = applyEdits(sql, [
    {
      start: (tokens[name.first] as Token).start,
      end: nameEnd,
      text: `${nameText(database, localTableName(name.name))}${onCluster(target)}`,
    },
  ]);
  // Column changes must reach the Distributed table too, or it stops matching its local table.
  const touchesColumns = tokens.slice(name.last + 1).some((t) => word(t, 'COLUMN'));
  if (!touchesColumns) return [local];
  return [local, applyEdits(sql, [{ start: nameEnd, end: nameEnd, text: onCluster(target) }])];
}
