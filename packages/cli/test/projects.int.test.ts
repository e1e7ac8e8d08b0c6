import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/faultline.js', import.meta.url));
const keyPrefix = `test-cli-projects-${randomBytes(4).toString('hex')}:`;
const { redisUrl } = inject('infra');

function faultline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, REDIS_URL: redisUrl, FAULTLINE_REDIS_KEY_PREFIX: keyPrefix };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'projects', ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

afterAll(async () => {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
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
      publicKey: string;
    };
    expect(added.publicKey).not.toBe(project.publicKey);

    const revoked = JSON.parse((await faultline(['revoke', project.id, '--json'])).stdout) as {
      revoked: number;
    };
    expect(revoked.revoked).toBe(2);
  });

  it('prints a table without --json', async () => {
    await faultline(['create', 'billing']);
    const { code, stdout } = await faultline(['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\tbilling\t1 active key\(s\)/m);
  });

  it.each([
    { id: 'an unknown subcommand', args: ['rename', '1'], code: 2 },
    { id: 'a key for a project that does not exist', args: ['add-key', '999999999'], code: 1 },
  ])('fails on $id', async ({ args, code }) => {
    expect((await faultline(args)).code).toBe(code);
  });
});
