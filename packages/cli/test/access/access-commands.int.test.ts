import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenSha256 } from '@faultline/access';
import type { TokenView, UserView } from '@faultline/api-contracts';
import type { AuditRecord } from '@faultline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApp, startAdminApp } from '../../../../services/metrics/test/support/admin-app.js';
import { waitFor } from '../../../../test/support/wait.js';

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));

let stack: AdminApp;
let home: string;

// The installed bin under plain node; the token comes from local-secrets.json (as `pnpm start` leaves
// it) unless a test passes FAULTLINE_TOKEN.
function faultline(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { FAULTLINE_TOKEN: _, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { ...inherited, FAULTLINE_METRICS_URL: stack.url, FAULTLINE_HOME: home, ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const json = async <T>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> => {
  const result = await faultline([...args, '--json'], env);
  expect(result.code, result.stderr || result.stdout).toBe(0);
  return JSON.parse(result.stdout) as T;
};

beforeAll(async () => {
  stack = await startAdminApp();
  home = mkdtempSync(join(tmpdir(), 'faultline-cli-access-'));
  writeFileSync(join(home, 'local-secrets.json'), JSON.stringify({ ownerToken: stack.ownerToken }));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('faultline tokens, users, members, audit (against a running metrics)', () => {
  it('creates a token printed once, lists it without the secret, and revokes it', async () => {
    const created = await json<{ token: string; tokenId: string; scope: string }>([
      'tokens',
      'create',
      '--project',
      'checkout',
      '--scope',
      'read',
      '--name',
      'grafana',
      '--expires',
      '30d',
    ]);
    expect(created.token).toMatch(/^flt_[A-Za-z0-9]+_[A-Za-z0-9_-]{43}$/);
    await waitFor(() => stack.view.token(created.tokenId) !== undefined, 5000, 'the token in the view');
    expect(stack.view.token(created.tokenId)?.sha256).toBe(tokenSha256(created.token));

    const listed = await faultline(['tokens', 'list', '--project', 'checkout', '--json']);
    expect(listed.stdout).not.toContain(created.token);
    const { tokens } = JSON.parse(listed.stdout) as { tokens: TokenView[] };
    const expires = tokens.find((t) => t.tokenId === created.tokenId)?.expiresAt as string;
    expect(Date.parse(expires) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const text = await faultline(['tokens', 'list', '--project', 'checkout']);
    expect(text.stdout).toMatch(
      new RegExp(`^${created.tokenId}\\tgrafana\\tread on checkout\\tmachine\\texpires `, 'm'),
    );

    const revoked = await json<{ token: TokenView }>([
      'tokens',
      'revoke',
      created.tokenId,
      '--project',
      'checkout',
    ]);
    expect(revoked.token.revokedAt).toBeDefined();
  });

  it('prints the token alone on its first line without --json', async () => {
    const result = await faultline(['tokens', 'create', '--project', 'checkout', '--scope', 'respond']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^flt_\w+_[A-Za-z0-9_-]{43}\ntoken \w+ \(respond on checkout\): shown only now/,
    );
  });

  it('adds, lists and removes users; adds and removes members', async () => {
    const added = await json<{ user: UserView; password: string }>([
      'users',
      'add',
      'erin@example.com',
      '--name',
      'Erin',
    ]);
    expect(added.password).toHaveLength(24);
    const { users } = await json<{ users: UserView[] }>(['users', 'list']);
    expect(users.map((u) => u.email)).toContain('erin@example.com');

    const member = await json<{ member: { role: string } }>([
      'members',
      'add',
      '--project',
      'checkout',
      '--user',
      added.user.userId,
      '--role',
      'responder',
    ]);
    expect(member.member.role).toBe('responder');
    const listed = await faultline(['members', 'list', '--project', 'checkout']);
    expect(listed.stdout).toContain(`user ${added.user.userId}\terin@example.com\tresponder`);
    expect(
      (await faultline(['members', 'remove', '--project', 'checkout', '--user', added.user.userId])).code,
    ).toBe(0);

    const removed = await faultline(['users', 'remove', 'erin@example.com']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`removed ${added.user.userId}`);
  });

  it('lists the audit log of a project with who did what', async () => {
    let entries: AuditRecord[] = [];
    await waitFor(
      async () => {
        entries = (await json<{ entries: AuditRecord[] }>(['audit', 'list', '--project', 'checkout']))
          .entries;
        return entries.some((e) => e.action === 'member.remove');
      },
      15_000,
      'member.remove in the audit log',
    );
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['token.create', 'token.revoke', 'member.add', 'member.remove']),
    );
    expect(entries.every((e) => e.actor.id === 'owner')).toBe(true);
    const text = await faultline(['audit', 'list', '--project', 'checkout', '--action', 'member.add']);
    expect(text.stdout).toMatch(/\tmember\.add\tcheckout\t\w+\tOwner \(user owner\)\ttoken /);
  });

  it.each([
    {
      id: 'no token anywhere',
      args: ['users', 'list'],
      env: { FAULTLINE_HOME: join(tmpdir(), 'faultline-no-home') },
      code: 1,
      error: 'FL_CLI_NO_TOKEN',
    },
    {
      id: 'a wrong FAULTLINE_TOKEN',
      args: ['users', 'list'],
      env: { FAULTLINE_TOKEN: 'flt_x_y' },
      code: 1,
      error: 'FL_AUTH_REQUIRED',
    },
    {
      id: 'a bad scope',
      args: ['tokens', 'create', '--project', 'p', '--scope', 'write'],
      env: {},
      code: 2,
      error: '--scope',
    },
    {
      id: 'a bad expiry',
      args: ['tokens', 'create', '--project', 'p', '--scope', 'read', '--expires', 'soon'],
      env: {},
      code: 2,
      error: '--expires',
    },
    { id: 'members without a project', args: ['members', 'list'], env: {}, code: 2, error: '--project' },
  ])('fails on $id', async ({ args, env, code, error }) => {
    const result = await faultline(args, env);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toContain(error);
  });

  it('takes FAULTLINE_TOKEN over the secrets file', async () => {
    const machine = await json<{ token: string }>([
      'tokens',
      'create',
      '--project',
      'ops',
      '--scope',
      'admin',
    ]);
    const ops = await faultline(['members', 'list', '--project', 'ops'], { FAULTLINE_TOKEN: machine.token });
    expect(ops.code, ops.stderr).toBe(0);
    const users = await faultline(['users', 'list'], { FAULTLINE_TOKEN: machine.token });
    expect(users.stderr).toContain('FL_FORBIDDEN');
  });

  it('local-env prints KEY=value lines with the owner token and the service URLs', async () => {
    const result = await faultline(['local-env']);
    expect(result.code, result.stderr).toBe(0);
    const settings = Object.fromEntries(
      result.stdout
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(settings.FAULTLINE_TOKEN).toBe(stack.ownerToken);
    expect(settings.FAULTLINE_METRICS_URL).toBe(stack.url);
    expect(settings.FAULTLINE_INGEST_URL).toBe('http://127.0.0.1:8080');
    expect(settings.CLICKHOUSE_URL).toMatch(/^http/);
  });
});
