import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { ensureInfra, infraEndpoints, infraStatus, resolveConfig, stopInfra } from '../src/index.js';

const run = promisify(execFile);
const usesContainers = process.env.FAULTLINE_TEST_INFRA === 'containers';

// The global setup already brought everything up, so these look at what is running now.
describe.skipIf(usesContainers)('with the test run infrastructure up', () => {
  it('ensureInfra starts nothing more and returns the same endpoints', async () => {
    const infra = await ensureInfra();
    expect(infra.started).toEqual([]);
    expect(infra).toMatchObject(infraEndpoints());
  });

  it('`pnpm infra status` reports every service answering and exits 0', async () => {
    const { repoRoot } = resolveConfig();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/infra/src/cli.ts', 'status'],
      {
        cwd: repoRoot,
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['kafka', 'redis', 'clickhouse']);
    for (const line of lines) expect(line).toMatch(/ (running|external)/);
  });
});

describe('a Redis of its own in a temporary FAULTLINE_HOME', async () => {
  const home = mkdtempSync(join(tmpdir(), 'faultline-infra-'));
  const options = {
    home,
    services: ['redis'] as const,
    env: { ...process.env, REDIS_URL: undefined, FAULTLINE_REDIS_PORT: String(await freePort()) },
  };
  afterAll(async () => {
    await stopInfra(['redis'], options);
    rmSync(home, { recursive: true, force: true });
  });

  it('is started once, then found running', async () => {
    expect((await ensureInfra(options)).started).toEqual(['redis']);
    expect((await ensureInfra(options)).started).toEqual([]);
    const [status] = await infraStatus(options);
    expect(status).toMatchObject({ name: 'redis', state: 'running' });
    expect(existsSync(join(home, 'logs', 'redis.log'))).toBe(true);
  });

  it('notices a stale pid file after a crash and starts it again', async () => {
    const [before] = await infraStatus(options);
    process.kill(before!.pid!, 'SIGKILL');
    // SIGKILL only asks: wait until the process is gone, so the restart cannot race its old socket.
    await waitUntilGone(before!.pid!);
    const logged: string[] = [];
    const infra = await ensureInfra({ ...options, log: (line) => logged.push(line) });
    expect(infra.started).toEqual(['redis']);
    expect(logged).toContain('redis: removed a stale pid file (its process is gone)');
  });

  it('is stopped by stopInfra, which then has nothing left to stop', async () => {
    expect(await stopInfra(['redis'], options)).toEqual(['redis']);
    expect(await infraStatus(options)).toMatchObject([{ name: 'redis', state: 'down' }]);
    expect(await stopInfra(['redis'], options)).toEqual([]);
  });
});

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} still exists 5 s after SIGKILL`);
}
