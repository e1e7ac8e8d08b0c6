/**
 * The embedded server as @clickhouse/client sees it: a child process on a free
 * port with a temp data dir, driven only by the real client over HTTP.
 */
import { gzipSync } from 'node:zlib';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse } from '../../src/client.js';
import { ErrorCode } from '../../src/embedded/errors.js';
import { type ChildServer, removeDir, startChildServer } from '../helpers/child-server.js';
import { clickHouseError } from '../helpers/clickhouse-error.js';

let server: ChildServer;
let client: ClickHouseClient;

beforeAll(async () => {
  server = await startChildServer();
  client = createClickHouse({ url: server.url });
}, 60_000);

afterAll(async () => {
  await client?.close();
  if (server) {
    expect(await server.stop()).toBe(0);
    removeDir(server.dataDir);
  }
});

async function rows<T>(query: string, query_params?: Record<string, unknown>, c = client): Promise<T[]> {
  const rs = await c.query({ query, format: 'JSONEachRow', ...(query_params ? { query_params } : {}) });
  return rs.json<T>();
}

describe('embedded ClickHouse over HTTP', () => {
  it('answers ping and GET / like a server', async () => {
    expect(await client.ping()).toEqual({ success: true });
    expect(await client.ping({ select: true })).toEqual({ success: true });
    const res = await fetch(`${server.url}/`);
    expect(await res.text()).toBe('Ok.\n');
    const q = await fetch(`${server.url}/?query=${encodeURIComponent('SELECT 40 + 2')}`);
    expect(q.status).toBe(200);
    expect(await q.text()).toBe('42\n');
    expect(q.headers.get('x-clickhouse-format')).toBe('TabSeparated');
    expect(q.headers.get('x-clickhouse-query-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(q.headers.get('x-clickhouse-timezone')).toBeTruthy();
    const summary = JSON.parse(q.headers.get('x-clickhouse-summary') ?? '{}') as Record<string, unknown>;
    expect(summary.result_rows).toBe('1');
    expect(typeof summary.elapsed_ns).toBe('string');
  });

  it('raises typed ClickHouseError for bad SQL and unknown tables', async () => {
    const syntax = await clickHouseError(client.query({ query: 'SELEC 1' }));
    expect(syntax.code).toBe('62');
    expect(syntax.type).toBe('SYNTAX_ERROR');
    const table = await clickHouseError(
      client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }),
    );
    expect(table.code).toBe('60');
    expect(table.type).toBe('UNKNOWN_TABLE');
    const res = await fetch(server.url, { method: 'POST', body: 'SELECT * FROM no_such_table' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-clickhouse-exception-code')).toBe('60');
    expect(await res.text()).toMatch(/^Code: 60\. DB::Exception: .*\(UNKNOWN_TABLE\) \(version [\d.]+\)\n$/);
  });

  it('rejects multi-statement queries, also hidden in INSERT VALUES data', async () => {
    await client.command({ query: 'CREATE TABLE victims (id UInt32) ENGINE = MergeTree ORDER BY id' });
    const multi = await clickHouseError(client.command({ query: 'SELECT 1; DROP TABLE victims' }));
    expect(multi.code).toBe('62');
    const values = await clickHouseError(
      client.command({ query: 'INSERT INTO victims VALUES (1); DROP TABLE victims' }),
    );
    expect(values.code).toBe('62');
    await client.command({ query: 'SELECT 1;' }); // a trailing semicolon is fine
    expect(await rows<{ c: string }>('SELECT count() AS c FROM victims')).toEqual([{ c: '0' }]);
  });

  it('raises its own errors with the codes the engine uses for those names', async () => {
    const names = Object.keys(ErrorCode);
    const found = await rows<{ name: string; code: number }>(
      'SELECT DISTINCT name, code FROM system.errors WHERE name IN {names:Array(String)} SETTINGS system_events_show_zero_values = 1',
      { names },
    );
    expect(Object.fromEntries(found.map((r) => [r.name, r.code]))).toEqual(ErrorCode);
  });

  it('fails unknown settings with UNKNOWN_SETTING', async () => {
    const err = await clickHouseError(
      client.query({ query: 'SELECT 1', clickhouse_settings: { no_such_setting: 1 } as never }),
    );
    expect(err.code).toBe('115');
    expect(err.type).toBe('UNKNOWN_SETTING');
  });

  it('inserts 100k JSONEachRow rows', async () => {
    await client.command({
      query: 'CREATE TABLE big (id UInt64, name String, ts DateTime64(3)) ENGINE = MergeTree ORDER BY id',
    });
    const values = Array.from({ length: 100_000 }, (_, i) => ({
      id: i,
      name: `row-${i}`,
      ts: '2024-01-02T03:04:05.678Z',
    }));
    const r = await client.insert({ table: 'big', values, format: 'JSONEachRow' });
    expect(r.summary?.written_rows).toBe('100000');
    expect(await rows('SELECT count() AS c, sum(id) AS s, max(ts) AS t FROM big')).toEqual([
      { c: '100000', s: String((99_999 * 100_000) / 2), t: '2024-01-02 03:04:05.678' },
    ]);
  }, 60_000);

  it('binds query parameters byte-for-byte, nasty strings included', async () => {
    const nasty =
      'tab\there\nnew line \'quote\' "dq" back\\slash \\N \\t literal é 漢字 🚀 \0 nul; DROP TABLE big --';
    const [row] = await rows<{
      s: string;
      a: string[];
      n: string | null;
      m: Record<string, string>;
      len: string;
    }>(
      'SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(String)} AS n, {m:Map(String, String)} AS m, length({s:String}) AS len',
      { s: nasty, a: [nasty, "it's", ''], n: null, m: { "k'": nasty } },
    );
    expect(row).toEqual({
      s: nasty,
      a: [nasty, "it's", ''],
      n: null,
      m: { "k'": nasty },
      len: String(Buffer.byteLength(nasty)),
    });
    const [dt] = await rows<{ d: string; i: string }>(
      'SELECT {d:DateTime64(3)} AS d, {i:Identifier} AS i FROM (SELECT 1 AS {i:Identifier})',
      {
        d: new Date('2024-05-06T07:08:09.123Z'),
        i: 'col',
      },
    );
    expect(dt).toEqual({ d: '2024-05-06 07:08:09.123', i: 1 });
  });

  it('sends large parameters as multipart form data', async () => {
    const multipart = createClient({ url: server.url, use_multipart_params: true });
    try {
      const ids = Array.from({ length: 2_000 }, (_, i) => `id-'${i}'`);
      const [r] = await rows<{ n: string; last: string }>(
        'SELECT length({ids:Array(String)}) AS n, {ids:Array(String)}[-1] AS last',
        { ids },
        multipart,
      );
      expect(r).toEqual({ n: '2000', last: "id-'1999'" });
    } finally {
      await multipart.close();
    }
  });

  it('deduplicates an insert repeated with the same insert_deduplication_token', async () => {
    await client.command({
      query:
        'CREATE TABLE dedup (id UInt32, v String) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100',
    });
    const insert = (token: string, values: { id: number; v: string }[]) =>
      client.insert({
        table: 'dedup',
        values,
        format: 'JSONEachRow',
        clickhouse_settings: { insert_deduplication_token: token },
      });
    await insert('batch-1', [
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    await insert('batch-1', [
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    await insert('batch-2', [
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    expect(await rows('SELECT count() AS c FROM dedup')).toEqual([{ c: '4' }]);
    // The token did not stick to the connection: an untokened insert of the same rows is new data.
    await client.insert({ table: 'dedup', values: [{ id: 9, v: 'z' }], format: 'JSONEachRow' });
    await client.insert({ table: 'dedup', values: [{ id: 9, v: 'z' }], format: 'JSONEachRow' });
    expect(await rows('SELECT count() AS c FROM dedup WHERE id = 9')).toEqual([{ c: '1' }]);
  });

  it('answers 20 concurrent queries each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const r = await rows<{ i: number; s: string; sum: string }>(
          'SELECT {i:UInt8} AS i, {s:String} AS s, sum(number) AS sum FROM numbers({n:UInt32})',
          { i, s: `query-${i}`, n: 1000 * (i + 1) },
          i % 2 ? client : createClickHouse({ url: server.url, settings: { max_threads: (i % 4) + 1 } }),
        );
        return r[0];
      }),
    );
    results.forEach((r, i) => {
      const n = 1000 * (i + 1);
      expect(r).toEqual({ i, s: `query-${i}`, sum: String((n * (n - 1)) / 2) });
    });
  });

  it('quotes 64-bit integers in JSON formats unless the request says otherwise', async () => {
    const q = 'SELECT toUInt64(18446744073709551615) AS u, toInt64(-9007199254740993) AS i';
    expect(await rows(q)).toEqual([{ u: '18446744073709551615', i: '-9007199254740993' }]);
    const raw = createClient({
      url: server.url,
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    try {
      const rs = await raw.query({ query: q, format: 'JSONEachRow' });
      expect(await rs.text()).toBe('{"u":18446744073709551615,"i":-9007199254740993}\n');
    } finally {
      await raw.close();
    }
    expect(await rows(q)).toEqual([{ u: '18446744073709551615', i: '-9007199254740993' }]);
  });

  it('accepts gzip request bodies and gzips responses when asked', async () => {
    await client.command({ query: 'CREATE TABLE zipped (id UInt32) ENGINE = MergeTree ORDER BY id' });
    const zipped = createClickHouse({ url: server.url, compression: true });
    try {
      await zipped.insert({
        table: 'zipped',
        values: Array.from({ length: 5000 }, (_, id) => ({ id })),
        format: 'JSONEachRow',
      });
      expect(await rows('SELECT count() AS c, sum(id) AS s FROM zipped', undefined, zipped)).toEqual([
        { c: '5000', s: '12497500' },
      ]);
    } finally {
      await zipped.close();
    }
    const res = await fetch(`${server.url}/?enable_http_compression=1`, {
      method: 'POST',
      body: gzipSync('SELECT count() FROM zipped'),
      headers: { 'Content-Encoding': 'gzip', 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe('5000\n'); // fetch gunzips
  });

  it('keeps settings, SET statements and USE to their own request', async () => {
    const get = (c = client) =>
      rows<{ t: number; dtf: string; db: string }>(
        "SELECT getSetting('max_threads') AS t, getSetting('date_time_input_format') AS dtf, currentDatabase() AS db",
        undefined,
        c,
      );
    const [before] = await get();
    const tuned = createClient({ url: server.url, clickhouse_settings: { max_threads: 3 } });
    try {
      expect((await get(tuned))[0]?.t).toBe(3);
      expect(before?.t).not.toBe(3);
    } finally {
      await tuned.close();
    }
    expect(await get()).toEqual([before]);
    await client.command({ query: 'SET max_threads = 1' });
    await client.command({ query: 'CREATE DATABASE IF NOT EXISTS other' });
    await client.command({ query: 'USE other' });
    expect(await get()).toEqual([before]);
    expect(before?.db).toBe('default');
    expect(before?.dtf).toBe('best_effort');
    // chdb's own default is best_effort too, so prove a per-request value is honoured and then gone.
    const basic = createClient({ url: server.url, clickhouse_settings: { date_time_input_format: 'basic' } });
    try {
      expect((await get(basic))[0]?.dtf).toBe('basic');
    } finally {
      await basic.close();
    }
    expect(await get()).toEqual([before]);
  });

  it('uses the database parameter per request', async () => {
    await client.command({ query: 'CREATE DATABASE IF NOT EXISTS scoped' });
    await client.command({ query: 'CREATE TABLE scoped.t (x UInt8) ENGINE = Memory' });
    const scoped = createClickHouse({ url: server.url, database: 'scoped' });
    try {
      await scoped.insert({ table: 't', values: [{ x: 7 }], format: 'JSONEachRow' });
      expect(await rows('SELECT currentDatabase() AS db, sum(x) AS s FROM t', undefined, scoped)).toEqual([
        { db: 'scoped', s: '7' },
      ]);
      expect(await rows('SELECT currentDatabase() AS db')).toEqual([{ db: 'default' }]);
      const missing = createClickHouse({ url: server.url, database: 'no_such_db' });
      const err = await clickHouseError(missing.query({ query: 'SELECT 1' }));
      expect(err.type).toBe('UNKNOWN_DATABASE');
      await missing.close();
    } finally {
      await scoped.close();
    }
  });

  it('treats GET as readonly, like a server', async () => {
    const res = await fetch(
      `${server.url}/?query=${encodeURIComponent('CREATE TABLE via_get (x UInt8) ENGINE = Memory')}`,
    );
    expect(res.headers.get('x-clickhouse-exception-code')).toBe('164');
    expect(await rows("SELECT count() AS c FROM system.tables WHERE name = 'via_get'")).toEqual([{ c: '0' }]);
  });

  it('reports written rows for INSERT ... SELECT and exec streams the result', async () => {
    await client.command({ query: 'CREATE TABLE copy (id UInt64) ENGINE = MergeTree ORDER BY id' });
    const r = await client.command({ query: 'INSERT INTO copy SELECT number FROM numbers(123)' });
    expect(r.summary?.written_rows).toBe('123');
    const e = await client.exec({ query: 'SELECT sum(id) FROM copy FORMAT TabSeparated' });
    let text = '';
    for await (const chunk of e.stream) text += chunk.toString();
    expect(text).toBe('7503\n');
  });
});
