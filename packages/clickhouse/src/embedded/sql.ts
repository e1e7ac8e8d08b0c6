/**
 * Just enough of ClickHouse's lexer to route a request: statement kind, trailing
 * FORMAT, where INSERT data starts, and whether a second statement follows.
 * The engine does the real parsing; this only has to agree on token boundaries
 * (strings, quoted identifiers, comments) so a `;` inside a string is not a split.
 */

export type TokenType = 'word' | 'string' | 'ident' | 'number' | 'punct';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

const isWordStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isWordChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** Offset after a quoted run starting at `i` (an opening quote), honouring `\x` and doubled quotes. */
function skipQuoted(sql: string, i: number): number {
  const quote = sql[i];
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** Offset after whitespace and comments (`--`, `#`, nested block comments) from `i`. */
export function skipInsignificant(sql: string, i: number): number {
  let j = i;
  while (j < sql.length) {
    const c = sql[j] as string;
    if (isSpace(c)) {
      j++;
    } else if ((c === '-' && sql[j + 1] === '-') || c === '#') {
      const nl = sql.indexOf('\n', j);
      j = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[j + 1] === '*') {
      let depth = 1;
      j += 2;
      while (j < sql.length && depth > 0) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--;
          j += 2;
        } else j++;
      }
    } else break;
  }
  return j;
}

/** Lazily yields tokens from `from`; callers stop early so INSERT data is never lexed. */
export function* tokenize(sql: string, from = 0): Generator<Token> {
  let i = skipInsignificant(sql, from);
  while (i < sql.length) {
    const c = sql[i] as string;
    let end: number;
    let type: TokenType;
    if (c === "'") {
      end = skipQuoted(sql, i);
      type = 'string';
    } else if (c === '"' || c === '`') {
      end = skipQuoted(sql, i);
      type = 'ident';
    } else if (c === '$') {
      // Heredoc $tag$ ... $tag$ is a string literal.
      const m = /^\$([A-Za-z0-9_]*)\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        end = close === -1 ? sql.length : close + m[0].length;
        type = 'string';
      } else {
        end = i + 1;
        type = 'punct';
      }
    } else if (isWordStart(c)) {
      end = i + 1;
      while (end < sql.length && isWordChar(sql[end] as string)) end++;
      type = 'word';
    } else if (/[0-9]/.test(c)) {
      end = i + 1;
      while (end < sql.length && /[0-9A-Za-z_.]/.test(sql[end] as string)) end++;
      type = 'number';
    } else {
      end = i + 1;
      type = 'punct';
    }
    yield { type, text: sql.slice(i, end), start: i, end };
    i = skipInsignificant(sql, end);
  }
}

export interface StatementInfo {
  /** First keyword upper-cased (`SELECT`, `INSERT`, `SET`, ...); '' for an empty query. */
  kind: string;
  /** Output format named by a top-level `FORMAT x` of a non-INSERT statement. */
  format?: string;
  /** For INSERT with inline data: offset where the data begins. */
  dataStart?: number;
  /** True for `INSERT ... VALUES`, whose data is SQL literals and must be checked for `;`. */
  valuesData?: boolean;
  /** Offset of a second statement after a top-level `;`, if any. */
  secondStatementAt?: number;
}

/** Where FORMAT data begins: ClickHouse skips blanks, then at most one line break. */
function formatDataStart(sql: string, afterName: number): number {
  let j = afterName;
  while (j < sql.length && (sql[j] === ' ' || sql[j] === '\t' || sql[j] === '\f')) j++;
  if (sql[j] === '\r') j++;
  if (sql[j] === '\n') j++;
  return j;
}

export function analyzeStatement(sql: string): StatementInfo {
  const info: StatementInfo = { kind: '' };
  let depth = 0;
  let seenSelect = false;
  let expectFormatName = false;
  const it = tokenize(sql);
  for (let r = it.next(); !r.done; r = it.next()) {
    const t = r.value;
    if (info.kind === '') {
      if (t.type === 'word') info.kind = t.text.toUpperCase();
      else if (t.text === '(') {
        depth++;
        continue;
      } else if (t.text === ';') continue;
      else info.kind = t.text;
    }
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth = Math.max(0, depth - 1);
    if (expectFormatName) {
      expectFormatName = false;
      if (t.type === 'word' || t.type === 'ident') {
        const name = t.type === 'ident' ? t.text.slice(1, -1) : t.text;
        if (info.kind === 'INSERT') {
          info.dataStart = formatDataStart(sql, t.end);
          return info;
        }
        info.format = name;
      }
      continue;
    }
    if (depth !== 0) continue;
    if (t.text === ';') {
      const next = skipInsignificant(sql, t.end);
      // Trailing semicolons (and only those) are allowed, as on the server.
      let k = next;
      while (sql[k] === ';') k = skipInsignificant(sql, k + 1);
      if (k < sql.length) info.secondStatementAt = k;
      return info;
    }
    if (t.type !== 'word') continue;
    const word = t.text.toUpperCase();
    if (word === 'FORMAT') expectFormatName = true;
    else if (info.kind === 'INSERT') {
      if (word === 'SELECT' || word === 'WITH') seenSelect = true;
      else if (word === 'VALUES' && !seenSelect) {
        info.dataStart = t.end;
        info.valuesData = true;
        return info;
      }
    }
  }
  return info;
}

/** Offset of a statement following a top-level `;` inside VALUES data, if any. */
export function secondStatementInValues(data: string): number | undefined {
  let depth = 0;
  for (const t of tokenize(data)) {
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
    else if (t.text === ';' && depth === 0) {
      const next = skipInsignificant(data, t.end);
      return next < data.length ? next : undefined;
    }
  }
  return undefined;
}

/** Statement kinds a GET request may run: the server treats GET as readonly. */
export const READONLY_KINDS: ReadonlySet<string> = new Set([
  'SELECT',
  'WITH',
  'SHOW',
  'DESC',
  'DESCRIBE',
  'EXISTS',
  'EXPLAIN',
  'SET',
  'USE',
  'CHECK',
  '(',
]);

/** Statement kinds a readonly=1 user may run: reads only, and no SET (settings go in the URL). */
export const READONLY_USER_KINDS: ReadonlySet<string> = new Set([
  'SELECT',
  'WITH',
  '(',
  'SHOW',
  'DESC',
  'DESCRIBE',
  'EXISTS',
  'EXPLAIN',
]);

/**
 * Functions and table functions that reach past the database: the host's files, URLs, other
 * servers, processes. A server confines or grants them; the engine (clickhouse-local) does not.
 */
const OUTSIDE_REACH: ReadonlySet<string> = new Set(
  [
    'file',
    'fileCluster',
    'url',
    'urlCluster',
    's3',
    's3Cluster',
    'gcs',
    'oss',
    'cosn',
    'hdfs',
    'hdfsCluster',
    'azureBlobStorage',
    'azureBlobStorageCluster',
    'iceberg',
    'icebergS3',
    'icebergAzure',
    'icebergHDFS',
    'icebergLocal',
    'deltaLake',
    'deltaLakeLocal',
    'hudi',
    'remote',
    'remoteSecure',
    'cluster',
    'clusterAllReplicas',
    'mysql',
    'postgresql',
    'sqlite',
    'odbc',
    'jdbc',
    'mongodb',
    'redis',
    'executable',
    'dictionary',
    'dictGet',
  ].map((name) => name.toLowerCase()),
);

/** `INTO OUTFILE` (a file written on the server's host), or the first call that reaches outside. */
export function outsideReachOf(sql: string): { intoOutfile: boolean; call?: string } {
  const result: { intoOutfile: boolean; call?: string } = { intoOutfile: false };
  let previous: Token | undefined;
  for (const t of tokenize(sql)) {
    if (previous?.type === 'word') {
      const word = previous.text.toLowerCase();
      if (word === 'into' && t.type === 'word' && t.text.toLowerCase() === 'outfile')
        result.intoOutfile = true;
      if (t.text === '(' && OUTSIDE_REACH.has(word)) result.call ??= previous.text;
    }
    previous = t;
  }
  return result;
}
