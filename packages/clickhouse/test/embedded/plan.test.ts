import { describe, expect, it } from 'vitest';
import { ClickHouseServerError } from '../../src/embedded/errors.js';
import { planExecution } from '../../src/embedded/plan.js';
import type { ClickHouseRequest } from '../../src/embedded/request.js';

const req = (over: Partial<ClickHouseRequest>): ClickHouseRequest => ({
  readonly: false,
  query: '',
  body: Buffer.alloc(0),
  params: {},
  settings: new Map(),
  queryId: 'q',
  ...over,
});

function planError(r: ClickHouseRequest): ClickHouseServerError {
  try {
    planExecution(r);
  } catch (err) {
    if (err instanceof ClickHouseServerError) return err;
    throw err;
  }
  throw new Error('expected planExecution to throw');
}

describe('planExecution', () => {
  it('passes an INSERT body through as data without copying it', () => {
    const body = Buffer.from('{"a":1}\n');
    const plan = planExecution(req({ query: 'INSERT INTO t FORMAT JSONEachRow', body }));
    expect(plan).toMatchObject({ type: 'insert', prefix: 'INSERT INTO t FORMAT JSONEachRow' });
    expect(plan.type === 'insert' && plan.data).toBe(body);
  });

  it('joins inline data in the query parameter and the body with a newline', () => {
    const plan = planExecution(req({ query: 'INSERT INTO t FORMAT TSV\n1', body: Buffer.from('2\n') }));
    expect(plan.type === 'insert' && plan.data.toString()).toBe('1\n2\n');
  });

  it('finds an INSERT entirely in the body', () => {
    const plan = planExecution(req({ body: Buffer.from('INSERT INTO t FORMAT CSV\n1,2\n') }));
    expect(plan).toMatchObject({ type: 'insert', prefix: 'INSERT INTO t FORMAT CSV\n' });
    expect(plan.type === 'insert' && plan.data.toString()).toBe('1,2\n');
  });

  it('appends the body to the query parameter after a newline', () => {
    expect(planExecution(req({ query: 'SELECT', body: Buffer.from('1 FORMAT JSON') }))).toEqual({
      type: 'query',
      kind: 'SELECT',
      sql: 'SELECT\n1 FORMAT JSON',
      format: 'JSON',
    });
  });

  it('uses default_format, then TabSeparated', () => {
    expect(planExecution(req({ query: 'SELECT 1', defaultFormat: 'CSV' })).format).toBe('CSV');
    expect(planExecution(req({ query: 'SELECT 1' })).format).toBe('TabSeparated');
    expect(planExecution(req({ query: 'SELECT 1 FORMAT JSON', defaultFormat: 'CSV' })).format).toBe('JSON');
  });

  it.each([
    { name: 'empty query', r: req({}), code: 62 },
    { name: 'two statements', r: req({ query: 'SELECT 1; SELECT 2' }), code: 62 },
    {
      name: 'statement after VALUES',
      r: req({ query: 'INSERT INTO t VALUES', body: Buffer.from('(1); DROP TABLE t') }),
      code: 62,
    },
    { name: 'GET that writes', r: req({ readonly: true, query: 'DROP TABLE t' }), code: 164 },
    { name: 'GET insert', r: req({ readonly: true, query: 'INSERT INTO t VALUES (1)' }), code: 164 },
  ])('rejects $name', ({ r, code }) => {
    expect(planError(r).code).toBe(code);
  });

  it('lets GET read', () => {
    expect(planExecution(req({ readonly: true, query: 'SHOW TABLES' })).kind).toBe('SHOW');
  });
  it('lets a readonly=1 user read, and nothing else (not even SET, which a GET may send)', () => {
    for (const body of [
      'SELECT 1',
      'WITH 1 AS x SELECT x',
      '(SELECT 1)',
      'SHOW TABLES',
      'DESCRIBE t',
      'EXPLAIN SELECT 1',
      'EXISTS t',
    ]) {
      expect(planExecution(req({ readonlyUser: 'grafana', body: Buffer.from(body) })).type).toBe('query');
    }
    for (const body of [
      'INSERT INTO t VALUES (1)',
      'INSERT INTO t SELECT 1',
      'CREATE TABLE u (a UInt8) ENGINE = Memory',
      'DROP TABLE t',
      'ALTER TABLE t DELETE WHERE 1',
      'SET max_threads = 1',
      'USE other',
      'OPTIMIZE TABLE t',
    ]) {
      const err = planError(req({ readonlyUser: 'grafana', body: Buffer.from(body) }));
      expect([err.code, err.detail]).toEqual([164, 'grafana: Cannot execute query in readonly mode']);
    }
    const insert = planError(
      req({ readonlyUser: 'grafana', query: 'INSERT INTO t FORMAT TSV', body: Buffer.from('1\n') }),
    );
    expect(insert.code).toBe(164);
  });
  it('refuses INTO OUTFILE to everyone (358), as a server over HTTP does', () => {
    const err = planError(req({ body: Buffer.from("SELECT 1 INTO OUTFILE '/tmp/x' FORMAT CSV") }));
    expect([err.code, err.type]).toEqual([358, 'INTO_OUTFILE_NOT_ALLOWED']);
    expect(planExecution(req({ body: Buffer.from("SELECT 'INTO OUTFILE' AS into_outfile") })).type).toBe(
      'query',
    );
  });

  it('refuses a readonly user functions that reach files, URLs or other servers (497)', () => {
    for (const body of [
      "SELECT * FROM file('/etc/passwd', 'LineAsString')",
      "SELECT file('/etc/passwd')",
      "SELECT * FROM URL('http://example.com', 'LineAsString')",
      "SELECT * FROM t WHERE id IN (SELECT id FROM remote('h:9000', db.t))",
    ]) {
      const err = planError(req({ readonlyUser: 'grafana', body: Buffer.from(body) }));
      expect([err.code, err.type]).toEqual([497, 'ACCESS_DENIED']);
      expect(planExecution(req({ body: Buffer.from(body) })).type).toBe('query');
    }
    // Names that are only columns or strings are fine.
    expect(
      planExecution(req({ readonlyUser: 'grafana', body: Buffer.from("SELECT url, 'file(' FROM t") })).type,
    ).toBe('query');
  });
});
