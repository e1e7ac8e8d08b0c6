import { describe, expect, it } from 'vitest';
import { analyzeStatement, secondStatementInValues } from '../../src/embedded/sql.js';

describe('analyzeStatement', () => {
  const sql1 = 'INSERT INTO t (a, b) FORMAT JSONEachRow';
  const sql2 = 'INSERT INTO t FORMAT TSV  \n1\t2\n';
  const cases: { name: string; sql: string; expected: ReturnType<typeof analyzeStatement> }[] = [
    { name: 'plain select', sql: 'SELECT 1', expected: { kind: 'SELECT' } },
    {
      name: 'trailing FORMAT',
      sql: 'SELECT 1 FORMAT JSONEachRow',
      expected: { kind: 'SELECT', format: 'JSONEachRow' },
    },
    {
      name: 'FORMAT then SETTINGS',
      sql: 'select 1 format JSON settings max_threads=1',
      expected: { kind: 'SELECT', format: 'JSON' },
    },
    {
      name: 'FORMAT inside a subquery is not the output format',
      sql: "SELECT * FROM (SELECT 'FORMAT CSV')",
      expected: { kind: 'SELECT' },
    },
    {
      name: 'parenthesised select',
      sql: '(SELECT 1) FORMAT CSV',
      expected: { kind: 'SELECT', format: 'CSV' },
    },
    { name: 'leading comments', sql: '-- hi\n/* a /* nested */ b */ SET x = 1', expected: { kind: 'SET' } },
    {
      name: 'trailing semicolons are one statement',
      sql: 'SELECT 1;; -- done\n',
      expected: { kind: 'SELECT' },
    },
    {
      name: 'second statement',
      sql: 'SELECT 1; DROP TABLE t',
      expected: { kind: 'SELECT', secondStatementAt: 10 },
    },
    { name: 'semicolon in a string', sql: 'SELECT \'a;b\', `c;d`, "e;f"', expected: { kind: 'SELECT' } },
    {
      name: 'escaped quote in a string',
      sql: "SELECT 'it\\'s; fine', 'x''y;z'",
      expected: { kind: 'SELECT' },
    },
    { name: 'heredoc', sql: 'SELECT $$a;b$$', expected: { kind: 'SELECT' } },
    {
      name: 'insert with format, data in body',
      sql: sql1,
      expected: { kind: 'INSERT', dataStart: sql1.length },
    },
    {
      name: 'insert data after one line break',
      sql: sql2,
      expected: { kind: 'INSERT', dataStart: sql2.indexOf('1\t2') },
    },
    {
      name: 'insert values',
      sql: 'INSERT INTO t VALUES (1)',
      expected: { kind: 'INSERT', dataStart: 20, valuesData: true },
    },
    {
      name: 'insert select has no data',
      sql: 'INSERT INTO t SELECT * FROM values(1)',
      expected: { kind: 'INSERT' },
    },
    { name: 'empty', sql: '  -- nothing\n', expected: { kind: '' } },
  ];
  it.each(cases)('$name', ({ sql, expected }) => {
    expect(analyzeStatement(sql)).toEqual(expected);
  });
});

describe('secondStatementInValues', () => {
  it.each([
    { name: 'plain rows', data: " (1, 'a'), (2, 'b')", expected: undefined },
    { name: 'trailing semicolon', data: " (1, 'a');  ", expected: undefined },
    { name: 'semicolon in a string', data: " (1, 'a; DROP TABLE t')", expected: undefined },
    { name: 'a second statement', data: ' (1); DROP TABLE t', expected: 6 },
  ])('$name', ({ data, expected }) => {
    expect(secondStatementInValues(data)).toBe(expected);
  });
});
