import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readClickHouseRequest } from '../../src/embedded/request.js';

const read = (
  search: string,
  headers: Record<string, string> = {},
  body = Buffer.alloc(0),
  method = 'POST',
) => readClickHouseRequest(method, new URLSearchParams(search), headers, body);

describe('readClickHouseRequest', () => {
  it('splits params, settings and HTTP-layer names', async () => {
    const r = await read(
      'query=SELECT+1&param_x=a%5Ctb&max_threads=2&wait_end_of_query=1&query_id=abc&database=db&default_format=JSON&session_id=s',
    );
    expect(r).toMatchObject({
      query: 'SELECT 1',
      params: { x: 'a\\tb' },
      queryId: 'abc',
      database: 'db',
      defaultFormat: 'JSON',
      readonly: false,
    });
    expect([...r.settings]).toEqual([['max_threads', '2']]);
  });

  it('generates a query id when none is given', async () => {
    expect((await read('')).queryId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gunzips a gzip body', async () => {
    const r = await read('', { 'content-encoding': 'gzip' }, gzipSync('SELECT 42'));
    expect(r.body.toString()).toBe('SELECT 42');
  });

  it('compresses the response only when enable_http_compression=1 and the client accepts it', async () => {
    expect(
      (await read('enable_http_compression=1', { 'accept-encoding': 'br, gzip' })).responseEncoding,
    ).toBe('gzip');
    expect((await read('', { 'accept-encoding': 'gzip' })).responseEncoding).toBeUndefined();
    expect((await read('enable_http_compression=1', {})).responseEncoding).toBeUndefined();
  });

  it('reads multipart form fields as parameters', async () => {
    const b = 'XyZ';
    const body = Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="query"\r\n\r\nSELECT {v:String}\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="param_v"\r\n\r\nline1\\nline2\r\n--${b}--\r\n`,
    );
    const r = await read('query_id=1', { 'content-type': `multipart/form-data; boundary=${b}` }, body);
    expect(r.query).toBe('SELECT {v:String}');
    expect(r.params).toEqual({ v: 'line1\\nline2' });
    expect(r.body.length).toBe(0);
  });

  it('marks GET readonly and refuses ClickHouse native compression', async () => {
    expect((await read('query=SELECT+1', {}, Buffer.alloc(0), 'GET')).readonly).toBe(true);
    await expect(read('decompress=1')).rejects.toMatchObject({ code: 48 });
  });
});
