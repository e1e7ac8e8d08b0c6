/**
 * The embedded ClickHouse as `pnpm infra up` runs it, on a free port in a temporary FAULTLINE_HOME:
 * a generated password kept in the local secrets file, handed out in the endpoint, kept across
 * restarts, and a clear refusal to reuse a server that does not take it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { ensureInfra, infraEndpoints, infraStatus, stopInfra } from '../src/index.js';

const usesContainers = process.env.FAULTLINE_TEST_INFRA === 'containers';

describe.skipIf(usesContainers)(
  'an embedded ClickHouse of its own in a temporary FAULTLINE_HOME',
  async () => {
    const home = mkdtempSync(join(tmpdir(), 'faultline-infra-ch-'));
    const otherHome = mkdtempSync(join(tmpdir(), 'faultline-infra-ch-other-'));
    const port = await freePort();
    const env = { ...process.env, CLICKHOUSE_URL: undefined, FAULTLINE_CLICKHOUSE_PORT: String(port) };
    const options = { home, services: ['clickhouse'] as const, env };
    afterAll(async () => {
      await stopInfra(['clickhouse'], options);
      rmSync(home, { recursive: true, force: true });
      rmSync(otherHome, { recursive: true, force: true });
    });

    const secrets = () =>
      JSON.parse(readFileSync(join(home, 'local-secrets.json'), 'utf8')) as Record<string, string>;
    /** A query the way a client uses the endpoint: the credentials from the URL, as HTTP Basic. */
    const query = async (endpoint: string, sql: string) => {
      const url = new URL(endpoint);
      const basic = Buffer.from(`${url.username}:${decodeURIComponent(url.password)}`).toString('base64');
      url.username = '';
      url.password = '';
      const response = await fetch(url, {
        method: 'POST',
        body: sql,
        headers: { authorization: `Basic ${basic}` },
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${response.status}: ${text}`);
      return text.trim();
    };
    const count = (url: string) => query(url, 'SELECT count() FROM kept');

    it('starts with a generated password, kept in local-secrets.json (0600) and carried by the endpoint', async () => {
      const infra = await ensureInfra(options);
      expect(infra.started).toEqual(['clickhouse']);
      const { clickhousePassword } = secrets();
      expect(clickhousePassword).toMatch(/^[0-9a-f]{48}$/);
      expect(statSync(join(home, 'local-secrets.json')).mode & 0o777).toBe(0o600);
      expect(infra.clickhouseUrl).toBe(`http://default:${clickhousePassword}@127.0.0.1:${port}`);

      await query(infra.clickhouseUrl, 'CREATE TABLE kept (id UInt32) ENGINE = MergeTree ORDER BY id');
      await query(infra.clickhouseUrl, 'INSERT INTO kept VALUES (1), (2)');

      const anonymous = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'SELECT 1' });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).toContain('Code: 516. DB::Exception: default: Authentication failed');
      const fromPage = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: 'SELECT 1',
        headers: {
          origin: 'http://127.0.0.1:8090',
          authorization: `Basic ${Buffer.from(`default:${clickhousePassword}`).toString('base64')}`,
        },
      });
      expect(fromPage.status).toBe(403);
      await fromPage.text();
    });

    it('shows the address without the password in status, and does not put it in the arguments', async () => {
      const [status] = await infraStatus(options);
      expect(status).toMatchObject({
        name: 'clickhouse',
        state: 'running',
        endpoint: `http://127.0.0.1:${port}`,
      });
      const cmdline = readFileSync(`/proc/${status!.pid}/cmdline`, 'utf8');
      expect(cmdline).not.toContain(secrets().clickhousePassword);
    });

    it('keeps the password and the data across a restart', async () => {
      const before = secrets().clickhousePassword;
      expect(await stopInfra(['clickhouse'], options)).toEqual(['clickhouse']);
      const infra = await ensureInfra(options);
      expect(infra.started).toEqual(['clickhouse']);
      expect(secrets().clickhousePassword).toBe(before);
      expect(await count(infra.clickhouseUrl)).toBe('2');
    });

    it('refuses to reuse a server that does not take the password it keeps', async () => {
      const other = { ...options, home: otherHome };
      await expect(ensureInfra(other)).rejects.toThrow(
        new RegExp(
          `the server on http://127.0.0.1:${port} refuses the password kept in ${otherHome}/local-secrets.json`,
        ),
      );
      // The server it found is not its own, so nothing was stopped.
      expect(await count(infraEndpoints(options).clickhouseUrl)).toBe('2');
    });
  },
);
