import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { waitFor } from '../../../test/support/wait.js';
import { ensureDemoProject } from '../src/stack/demo-project.js';

const ingestMain = fileURLToPath(new URL('../../../services/ingest/src/server.ts', import.meta.url));
const run = randomBytes(4).toString('hex');
const prefix = `test-infra-demo-${run}`;
const adminToken = `admin-${run}`;
const infra = inject('infra');

let ingest: ChildProcess;
let ingestUrl: string;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-demo-project-'));
  const port = await freePort();
  ingestUrl = `http://127.0.0.1:${port}`;
  ingest = spawn(process.execPath, ['--import', 'tsx', ingestMain], {
    env: {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      FAULTLINE_TOPIC_PREFIX: `${prefix}.`,
      FAULTLINE_REDIS_KEY_PREFIX: `${prefix}:`,
      FAULTLINE_HTTP_PORT: String(port),
      FAULTLINE_ADMIN_TOKEN: adminToken,
      FAULTLINE_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  await waitFor(
    async () => (await fetch(`${ingestUrl}/healthz`).catch(() => undefined))?.ok === true,
    90_000,
    'ingest to answer',
  );
});

afterAll(async () => {
  ingest?.kill('SIGTERM');
  const redis = new Redis(infra.redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('ensureDemoProject (pnpm start)', () => {
  it("creates the demo project through ingest's admin API once, keeps its key, and reuses it", async () => {
    const demo = await ensureDemoProject(ingestUrl, adminToken, home);
    expect(demo.dsn).toBe(`http://${demo.publicKey}@127.0.0.1:8080/${demo.id}`);
    const saved = join(home, 'demo-project.json');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(demo);
    expect(statSync(saved).mode & 0o777).toBe(0o600);

    expect(await ensureDemoProject(ingestUrl, adminToken, home)).toEqual(demo);
  });

  it('makes a new project when the saved one is gone', async () => {
    writeFileSync(
      join(home, 'demo-project.json'),
      JSON.stringify({ id: '999999999', dsn: 'x', publicKey: 'y' }),
    );
    const demo = await ensureDemoProject(ingestUrl, adminToken, home);
    expect(demo.id).not.toBe('999999999');
  });

  it('fails with what ingest answered to a wrong token', async () => {
    await expect(ensureDemoProject(ingestUrl, 'wrong', home)).rejects.toThrow(
      /401 .*FL_INGEST_ADMIN_UNAUTHORIZED/,
    );
  });
});
