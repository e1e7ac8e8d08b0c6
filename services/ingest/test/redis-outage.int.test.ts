import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { testInfra } from './support/infra.js';
import { type Harness, startIngest } from './support/ingest-harness.js';

/** A private redis-server this test may stop; the shared one is never touched. */
describe('ingest while Redis is away', () => {
  let redis: ChildProcess;
  let ingest: Harness;
  let key: string;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    const redisUrl = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}`).then(
          () => true,
          (e: Error) => !/ECONNREFUSED/.test(String(e.cause)),
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    ingest = await startIngest({ ...testInfra(), redisUrl }, {}, { read: false });
    ({ key } = await ingest.createProject());
  });
  afterAll(async () => {
    await ingest?.close();
    redis?.kill('SIGKILL');
  });

  const post = () =>
    fetch(`${ingest.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        timestamp: new Date().toISOString(),
        level: 'error',
        message: 'x',
        source: 'other',
      }),
    });

  it('answers 503 with Retry-After, never 500', async () => {
    expect((await post()).status).toBe(202);
    const exited = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await exited;
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const res = await post();
      statuses.add(res.status);
      if (res.status === 503) expect(res.headers.get('retry-after')).toBe('1');
    }
    expect([...statuses]).toEqual([503]);
  });
});
