import { describe, expect, inject, it } from 'vitest';
import { probeClickHouse, probeRedis, probeService } from '../../src/doctor/probes.js';

/**
 * `doctor` shows where it looked, never a password: the shared Redis and ClickHouse asked with
 * credentials in their URLs (answering or not), and a service URL carrying a key.
 */
describe('doctor probes keep secrets out of their report', () => {
  const withPassword = (url: string, user = '') => url.replace('://', `://${user}:s3cret-pw@`);

  it.each([
    { name: 'redis', probe: () => probeRedis({ url: withPassword(inject('infra').redisUrl) }, 2000) },
    { name: 'redis unreachable', probe: () => probeRedis({ url: 'redis://:s3cret-pw@127.0.0.1:1' }, 500) },
    {
      name: 'clickhouse',
      probe: () => probeClickHouse(withPassword(inject('infra').clickhouseUrl, 'default'), 2000),
    },
    {
      name: 'clickhouse unreachable',
      probe: () => probeClickHouse('http://default:s3cret-pw@127.0.0.1:1', 500),
    },
    {
      name: 'service with a key',
      probe: () => probeService('x', 'http://127.0.0.1:1/?token=s3cret-pw', 500),
    },
  ])('$name', async ({ probe }) => {
    const check = await probe();
    expect(JSON.stringify(check)).not.toContain('s3cret-pw');
    expect(JSON.stringify(check)).toContain('***');
  });
});
