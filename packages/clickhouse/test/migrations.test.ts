import { describe, expect, it } from 'vitest';
import { parseMigrationFileName, splitStatements, substitute } from '../src/migrations.js';

describe('parseMigrationFileName', () => {
  it.each([
    { file: '0001_events.sql', expected: { version: 1, name: 'events' } },
    { file: '0120_add-ttl.v2.sql', expected: { version: 120, name: 'add-ttl.v2' } },
    { file: 'events.sql', expected: undefined },
    { file: '0001_events.sql.bak', expected: undefined },
  ])('$file', ({ file, expected }) => {
    expect(parseMigrationFileName(file)).toEqual(expected);
  });
});

describe('splitStatements', () => {
  it('splits on top-level semicolons only', () => {
    const sql =
      "-- header; not a split\nCREATE TABLE a (s String DEFAULT 'x;y');\n\n/* ; */ CREATE VIEW v AS SELECT 1;\n-- trailing comment\n";
    expect(splitStatements(sql)).toEqual([
      "CREATE TABLE a (s String DEFAULT 'x;y')",
      'CREATE VIEW v AS SELECT 1',
    ]);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('substitute', () => {
  it('replaces known {names} and leaves query parameters alone', () => {
    expect(substitute('CREATE TABLE {database}.t AS SELECT {x:UInt8}, {unknown}', { database: 'db' })).toBe(
      'CREATE TABLE db.t AS SELECT {x:UInt8}, {unknown}',
    );
  });
});
