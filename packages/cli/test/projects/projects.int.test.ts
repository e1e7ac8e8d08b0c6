import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../test/support/free-port.js';
import { type IngestProcess, startIngestProcess } from '../../../../test/support/ingest-process.js';

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
const run = randomBytes(4).toString('hex');

let ingest: IngestProcess;
let ingestUrl: string;
let home: string;

// The installed bin under plain node, as users run it; the token comes from local-secrets.json
// in FAULTLINE_HOME (the owner token `pnpm start` keeps there), unless a test passes FAULTLINE_TOKEN.
function faultline(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { FAULTLINE_TOKEN: _, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'projects', ...args],
      {
        env: { ...inherited, FAULTLINE_INGEST_URL: ingestUrl, FAULTLINE_HOME: home, ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  ingest = await startIngestProcess(inject('infra'));
  ingestUrl = ingest.url;
  home = mkdtempSync(join(tmpdir(), 'faultline-cli-projects-'));
  writeFileSync(join(home, 'local-secrets.json'), JSON.stringify({ ownerToken: ingest.ownerToken }));
});

afterAll(async () => {
  await ingest?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('faultline projects', () => {
  it('creates a project with a DSN, lists it, adds a key and revokes every key (--json)', async () => {
    const created = await faultline(['create', 'checkout', '--origin', 'https://shop.example', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const project = JSON.parse(created.stdout) as {
      id: string;
      publicKey: string;
      dsn: string;
      allowedOrigins: string[];
    };
    expect(project.id).toMatch(/^[0-9]+$/);
    expect(project.dsn).toBe(`http://${project.publicKey}@127.0.0.1:8080/${project.id}`);
    expect(project.allowedOrigins).toEqual(['https://shop.example']);

    const listed = JSON.parse((await faultline(['list', '--json'])).stdout) as {
      projects: { id: string; name: string }[];
    };
    expect(listed.projects).toContainEqual(expect.objectContaining({ id: project.id, name: 'checkout' }));

    const added = JSON.parse((await faultline(['add-key', project.id, '--json'])).stdout) as {
      projectId: string;
      publicKey: string;
      dsn: string;
    };
    expect(added.projectId).toBe(project.id);
    expect(added.publicKey).not.toBe(project.publicKey);
    expect(added.dsn).toContain(added.publicKey);

    const revoked = JSON.parse((await faultline(['revoke', project.id, '--json'])).stdout) as {
      revoked: number;
    };
    expect(revoked.revoked).toBe(2);
  });

  it('prints text without --json', async () => {
    const created = await faultline(['create', 'billing', '--rate', '50', '--burst', '100']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^project \d+ \(billing\)\nDSN http:\/\/[0-9a-f]{32}@/);
    const { code, stdout } = await faultline(['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\tbilling\t1 active key\(s\)/m);
  });

  it.each([
    { id: 'an unknown subcommand', args: ['rename', '1'], env: {}, code: 2, error: 'unknown action rename' },
    { id: 'a bad rate', args: ['create', 'x', '--rate', 'fast'], env: {}, code: 2, error: '--rate' },
    {
      id: 'a key for a project that does not exist',
      args: ['add-key', '999999999'],
      env: {},
      code: 1,
      error: 'FL_INGEST_NOT_FOUND',
    },
    {
      id: 'a wrong token',
      args: ['list'],
      env: { FAULTLINE_TOKEN: 'wrong' },
      code: 1,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      id: 'no token anywhere',
      args: ['list'],
      env: { FAULTLINE_HOME: join(tmpdir(), `faultline-no-home-${run}`) },
      code: 1,
      error: 'FL_CLI_NO_TOKEN',
    },
  ])('fails on $id', async ({ args, env, code, error }) => {
    const result = await faultline(args, env);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toContain(error);
  });

  it('says which ingest is not reachable when it is not running', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await faultline(['list'], { FAULTLINE_INGEST_URL: closed });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `FL_CLI_UNREACHABLE: ingest at ${closed} is not reachable (ECONNREFUSED)`,
    );
  });
});
