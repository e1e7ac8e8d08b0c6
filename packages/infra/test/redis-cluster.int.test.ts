import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRedisCluster, startRedisCluster } from '../src/redis-cluster.js';

const run = promisify(execFile);

describe('startRedisCluster', () => {
  let cluster: LocalRedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts three masters that together serve every slot', async () => {
    expect(cluster.nodes).toHaveLength(3);
    const [host, port] = (cluster.nodes[0] as string).split(':') as [string, string];
    const { stdout } = await run('redis-cli', ['-h', host, '-p', port, 'cluster', 'info']);
    expect(stdout).toMatch(/cluster_state:ok/);
    expect(stdout).toMatch(/cluster_slots_assigned:16384/);
    expect(stdout).toMatch(/cluster_known_nodes:3/);
  });

  it('stop() ends the servers and removes the temp dir', async () => {
    const other = await startRedisCluster();
    const [host, port] = (other.nodes[0] as string).split(':') as [string, string];
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    await expect(run('redis-cli', ['-h', host, '-p', port, 'ping'])).rejects.toThrow();
  });
});
