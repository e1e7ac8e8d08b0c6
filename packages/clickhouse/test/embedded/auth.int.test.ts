/**
 * Users and browser pages, as a client sees them: the embedded server run as a process with a
 * password for `default` and a read-only `grafana` user, like `pnpm infra up` and the Grafana docs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse } from '../../src/client.js';
import { type ChildServer, removeDir, startChildServer, tempDir } from '../helpers/child-server.js';
import { clickHouseError } from '../helpers/clickhouse-error.js';

const PASSWORD = 'pa:ss/wo@rd%20 é';
const GRAFANA_PASSWORD = 'read-only-secret';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let server: ChildServer;
let usersDir: string;
let admin: ClickHouseClient;
let grafana: ClickHouseClient;

beforeAll(async () => {
  usersDir = tempDir('faultline-ch-users-');
  const usersFile = path.join(usersDir, 'users.json');
  writeFileSync(usersFile, JSON.stringify([{ name: 'grafana', password: GRAFANA_PASSWORD, readonly: true }]));
  server = await startChildServer(undefined, {
    env: { CLICKHOUSE_EMBEDDED_PASSWORD: PASSWORD },
    args: ['--users-file', usersFile],
  });
  const url = new URL(server.url);
  url.username = 'default';
  url.password = encodeURIComponent(PASSWORD);
  admin = createClickHouse({ url: url.toString() });
  grafana = createClickHouse({ url: server.url, username: 'grafana', password: GRAFANA_PASSWORD });
  await admin.command({ query: 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id' });
  await admin.insert({ table: 't', values: [{ id: 1 }], format: 'JSONEachRow' });
}, 60_000);

afterAll(async () => {
  await admin?.close();
  await grafana?.close();
  if (server) {
    expect(await server.stop()).toBe(0);
    removeDir(server.dataDir);
  }
  removeDir(usersDir);
});

async function post(headers: Record<string, string>, search = '', body = 'SELECT 1') {
  const response = await fetch(`${server.url}/?${search}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    code: response.headers.get('x-clickhouse-exception-code'),
    text: await response.text(),
    headers: response.headers,
  };
}

describe('embedded server authentication', () => {
  it('refuses a request without credentials with 401 and code 516', async () => {
    const r = await post({});
    expect(r.status).toBe(401);
    expect(r.code).toBe('516');
    expect(r.text).toMatch(
      /^Code: 516\. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name\. \(AUTHENTICATION_FAILED\) \(version .+\)\n$/,
    );
    const noPassword = createClickHouse({ url: server.url });
    try {
      const err = await clickHouseError(noPassword.query({ query: 'SELECT 1' }));
      expect(err.code).toBe('516');
      expect(err.type).toBe('AUTHENTICATION_FAILED');
    } finally {
      await noPassword.close();
    }
  });

  it.each([
    ['Basic', { authorization: basic('default', 'wrong') }, ''],
    ['X-ClickHouse headers', { 'x-clickhouse-user': 'default', 'x-clickhouse-key': 'wrong' }, ''],
    ['URL parameters', {}, 'user=default&password=wrong'],
    ['an unknown user', { authorization: basic('nobody', PASSWORD) }, ''],
    ['Basic and parameters at once', { authorization: basic('default', PASSWORD) }, 'user=default'],
    ['a Bearer token', { authorization: 'Bearer abc' }, ''],
  ])('refuses a wrong password with 403 (%s)', async (_, headers, search) => {
    const r = await post(headers as Record<string, string>, search);
    expect(r.status).toBe(403);
    expect(r.code).toBe('516');
    expect(r.text).toContain('(AUTHENTICATION_FAILED)');
  });

  it.each([
    ['Basic', { authorization: basic('default', PASSWORD) }, ''],
    ['X-ClickHouse headers', { 'x-clickhouse-user': 'default', 'x-clickhouse-key': PASSWORD }, ''],
    ['URL parameters', {}, `user=default&password=${encodeURIComponent(PASSWORD)}`],
  ])('accepts the right password (%s)', async (_, headers, search) => {
    const r = await post(headers as Record<string, string>, search);
    expect(r.status).toBe(200);
    expect(r.text).toBe('1\n');
  });

  it('accepts credentials in the client URL', async () => {
    const rs = await admin.query({ query: 'SELECT count() AS c FROM t', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ c: '1' }]);
  });

  it('answers /ping without credentials, as a server does', async () => {
    const response = await fetch(`${server.url}/ping`);
    expect(await response.text()).toBe('Ok.\n');
  });
});

describe('embedded server and browser pages', () => {
  it.each([
    ['an Origin header', { origin: 'http://evil.example' }],
    ['a loopback Origin', { origin: 'http://127.0.0.1:8090' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a request with %s, even with the right password', async (_, headers) => {
    const r = await post({ authorization: basic('default', PASSWORD), ...headers });
    expect(r.status).toBe(403);
    expect(r.code).toBe('497');
    expect(r.text).toContain('Requests from web pages are refused');
    expect([...r.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses a CORS preflight and /ping from a page, with no CORS headers', async () => {
    for (const [method, target] of [
      ['OPTIONS', '/'],
      ['GET', '/ping'],
    ] as const) {
      const response = await fetch(`${server.url}${target}`, {
        method,
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(403);
      expect([...response.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      await response.text();
    }
  });
});

describe('a read-only user', () => {
  it('can SELECT, SHOW, DESCRIBE, EXPLAIN and EXISTS', async () => {
    const rs = await grafana.query({ query: 'SELECT count() AS c FROM t', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ c: '1' }]);
    for (const query of ['SHOW TABLES', 'DESCRIBE TABLE t', 'EXPLAIN SELECT 1', 'EXISTS TABLE t']) {
      await (await grafana.query({ query, format: 'TabSeparated' })).text();
    }
  });

  it.each([
    'INSERT INTO t VALUES (2)',
    'CREATE TABLE u (id UInt32) ENGINE = Memory',
    'DROP TABLE t',
    'ALTER TABLE t DELETE WHERE 1',
    'TRUNCATE TABLE t',
    'SET max_threads = 1',
  ])('cannot run %s (164 READONLY)', async (query) => {
    const err = await clickHouseError(grafana.command({ query }));
    expect(err.code).toBe('164');
    expect(err.type).toBe('READONLY');
    expect(err.message).toContain('grafana: Cannot execute query in readonly mode');
  });

  it('cannot insert data through the client', async () => {
    const err = await clickHouseError(
      grafana.insert({ table: 't', values: [{ id: 3 }], format: 'JSONEachRow' }),
    );
    expect(err.code).toBe('164');
    const rs = await admin.query({ query: 'SELECT count() AS c FROM t', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ c: '1' }]);
  });
  it('cannot read the host through file() or url(), and nobody can write INTO OUTFILE', async () => {
    const denied = await clickHouseError(
      grafana.query({ query: "SELECT * FROM file('/etc/hostname', 'LineAsString')" }),
    );
    expect([denied.code, denied.type]).toEqual(['497', 'ACCESS_DENIED']);
    const outfile = await clickHouseError(
      admin.query({ query: `SELECT 1 INTO OUTFILE '${usersDir}/out.csv'` }),
    );
    expect([outfile.code, outfile.type]).toEqual(['358', 'INTO_OUTFILE_NOT_ALLOWED']);
  });
});
