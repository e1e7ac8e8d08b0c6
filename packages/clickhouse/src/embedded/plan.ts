/**
 * Decides how the engine runs a request: an INSERT with data goes the raw insert
 * path (prefix + data bytes, never re-parsed as SQL), anything else is one SQL
 * statement. Also rejects what the server rejects before running anything.
 */
import { serverError } from './errors.js';
import type { ClickHouseRequest } from './request.js';
import {
  analyzeStatement,
  outsideReachOf,
  READONLY_KINDS,
  READONLY_USER_KINDS,
  secondStatementInValues,
} from './sql.js';

export type ExecutionPlan =
  | { type: 'insert'; kind: 'INSERT'; prefix: string; data: Buffer; format: string }
  | { type: 'query'; kind: string; sql: string; format: string };

const NEWLINE = Buffer.from('\n');

function multiStatement(sql: string, at: number): Error {
  return serverError(
    'SYNTAX_ERROR',
    `Syntax error (Multi-statements are not allowed): failed at position ${at + 1}: ${sql.slice(at, at + 40)}`,
  );
}

function readonlyError(req: ClickHouseRequest): Error {
  if (req.readonlyUser !== undefined) {
    return serverError('READONLY', `${req.readonlyUser}: Cannot execute query in readonly mode`);
  }
  return serverError(
    'READONLY',
    'Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries',
  );
}

function insertPlan(
  req: ClickHouseRequest,
  prefix: string,
  data: Buffer,
  valuesData: boolean | undefined,
): ExecutionPlan {
  if (req.readonly || req.readonlyUser !== undefined) throw readonlyError(req);
  if (valuesData) {
    // chdb runs `VALUES (1); DROP TABLE t` as two statements; the server never does.
    const text = data.toString('utf8');
    const at = secondStatementInValues(text);
    if (at !== undefined) throw multiStatement(text, at);
  }
  return { type: 'insert', kind: 'INSERT', prefix, data, format: req.defaultFormat ?? 'TabSeparated' };
}

export function planExecution(req: ClickHouseRequest): ExecutionPlan {
  let sql: string;
  if (req.query !== '') {
    const head = analyzeStatement(req.query);
    if (head.kind === 'INSERT' && head.dataStart !== undefined) {
      const inline = req.query.slice(head.dataStart);
      const prefix = req.query.slice(0, head.dataStart);
      // Usual client case: the data is all in the body, passed on without a copy.
      let data = req.body;
      if (inline.trim() !== '') {
        data =
          req.body.length === 0
            ? Buffer.from(inline)
            : Buffer.concat([Buffer.from(inline), NEWLINE, req.body]);
      }
      return insertPlan(req, prefix, data, head.valuesData);
    }
    // The server separates the query parameter from the body with a newline.
    sql = req.body.length === 0 ? req.query : `${req.query}\n${req.body.toString('utf8')}`;
  } else {
    sql = req.body.toString('utf8');
  }

  const info = analyzeStatement(sql);
  if (info.kind === 'INSERT' && info.dataStart !== undefined) {
    return insertPlan(
      req,
      sql.slice(0, info.dataStart),
      Buffer.from(sql.slice(info.dataStart)),
      info.valuesData,
    );
  }
  if (info.kind === '') throw serverError('SYNTAX_ERROR', 'Empty query');
  if (info.secondStatementAt !== undefined) throw multiStatement(sql, info.secondStatementAt);
  if (req.readonlyUser !== undefined && !READONLY_USER_KINDS.has(info.kind)) throw readonlyError(req);
  const reach = outsideReachOf(sql);
  // As a server over HTTP: the result goes back in the response, never to the server's disk.
  if (reach.intoOutfile) throw serverError('INTO_OUTFILE_NOT_ALLOWED', 'INTO OUTFILE is not allowed');
  if (req.readonlyUser !== undefined && reach.call !== undefined) {
    throw serverError(
      'ACCESS_DENIED',
      `${req.readonlyUser}: Not enough privileges. ${reach.call}() reaches files, URLs or other servers, which a readonly user may not`,
    );
  }
  if (req.readonly && !READONLY_KINDS.has(info.kind)) throw readonlyError(req);
  return { type: 'query', kind: info.kind, sql, format: info.format ?? req.defaultFormat ?? 'TabSeparated' };
}
