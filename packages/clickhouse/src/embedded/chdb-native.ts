/**
 * Loads chdb's Session class and its native addon.
 *
 * Why the addon and not only `session.queryBindAsync`: the public binder takes JS
 * values and re-escapes them, so a `param_x` that arrives as ClickHouse text
 * (`['a\'b']` for an Array(String), `\N` for NULL) cannot be handed over
 * byte-for-byte; unescaping and re-escaping breaks nested quotes. The addon binds
 * the text as sent, which is exactly what the server does. The raw insert entry
 * also takes any INSERT prefix, passes the body without a copy and reports
 * rows written. chdb is pinned to an exact version in package.json for this;
 * `loadChdb` fails loudly if the entry points ever move.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Session as SessionClass } from 'chdb';

export interface NativeQueryResult {
  bytes: Uint8Array;
  /** Seconds. */
  elapsed: number;
  rowsRead: number;
  bytesRead: number;
}

export interface NativeInsertResult {
  elapsed: number;
  rowsWritten: number;
  bytesWritten: number;
}

export interface ChdbNative {
  QueryAsyncConnection(
    conn: unknown,
    sql: string,
    format: string,
    params?: Record<string, string>,
  ): Promise<NativeQueryResult>;
  InsertRawAsyncConnection(
    conn: unknown,
    prefix: string,
    data: Buffer,
    countLines: boolean,
  ): Promise<NativeInsertResult>;
}

export interface Chdb {
  Session: typeof SessionClass;
  native: ChdbNative;
}

let loaded: Chdb | undefined;

export function loadChdb(): Chdb {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('chdb');
  const { Session } = require('chdb') as { Session: typeof SessionClass };
  const loader = require(path.join(path.dirname(entry), 'dist', 'loader.js')) as { loadNative(): ChdbNative };
  const native = loader.loadNative();
  if (
    typeof native.QueryAsyncConnection !== 'function' ||
    typeof native.InsertRawAsyncConnection !== 'function'
  ) {
    throw new Error(
      'chdb native addon lacks QueryAsyncConnection/InsertRawAsyncConnection; @faultline/clickhouse needs chdb 3.4.0',
    );
  }
  loaded = { Session, native };
  return loaded;
}
