import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { logTail } from './process.js';
import { waitUntil } from './ready.js';
import { REDIS_INSTALL, requireCommand } from './tools.js';

const run = promisify(execFile);

export interface LocalRedisCluster {
  /** `host:port` of every master, for `redis.clusterNodes` / FAULTLINE_REDIS_CLUSTER_NODES. */
  nodes: string[];
  /** Data and logs; removed by stop(). */
  dir: string;
  /** Kills the servers and removes `dir`. */
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  /** @default 3 (the smallest cluster redis-cli creates) */
  masters?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 30000 */
  readyTimeoutMs?: number;
}

/**
 * A private Redis Cluster (masters only, no replicas) on free ports in a temp dir, for tests
 * that must see what a cluster refuses (CROSSSLOT, cross-node pipelines). Its servers are
 * children of this process; stop() them, the shared infra is never touched.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<LocalRedisCluster> {
  const redisServer = requireCommand('redis-server', REDIS_INSTALL);
  const redisCli = requireCommand('redis-cli', REDIS_INSTALL);
  const host = options.host ?? '127.0.0.1';
  const masters = options.masters ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'faultline-redis-cluster-'));
  // Two ports per node: clients and the cluster bus (cluster-port, so it need not be port + 10000).
  const ports = await freePorts(host, masters * 2);
  const nodes: string[] = [];
  const children: ChildProcess[] = [];

  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < masters; i++) {
      const port = ports[2 * i] as number;
      const nodeDir = join(dir, `node-${i}`);
      mkdirSync(nodeDir);
      const log = openSync(join(nodeDir, 'redis.log'), 'a');
      const child = spawn(
        redisServer,
        [
          '--bind',
          host,
          '--port',
          String(port),
          '--cluster-port',
          String(ports[2 * i + 1]),
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--dir',
          nodeDir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--daemonize',
          'no',
        ],
        { stdio: ['ignore', log, log] },
      );
      child.on('error', () => {}); // surfaces as "exited" below
      children.push(child);
      nodes.push(`${host}:${port}`);
    }
    for (const [i, node] of nodes.entries()) {
      const [nodeHost, nodePort] = node.split(':') as [string, string];
      await waitUntil(`redis cluster node ${node}`, () => answersPing(redisCli, nodeHost, nodePort), {
        timeoutMs: options.readyTimeoutMs ?? 30_000,
        intervalMs: 100,
        failure: () =>
          children[i]?.exitCode !== null || children[i]?.signalCode !== null
            ? `exited: ${logTail(join(dir, `node-${i}`, 'redis.log'))}`
            : undefined,
      });
    }
    await run(redisCli, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    for (const node of nodes) {
      const [nodeHost, nodePort] = node.split(':') as [string, string];
      await waitUntil(`redis cluster state at ${node}`, () => clusterOk(redisCli, nodeHost, nodePort), {
        timeoutMs: options.readyTimeoutMs ?? 30_000,
        intervalMs: 200,
      });
    }
    return { nodes, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function answersPing(cli: string, host: string, port: string): Promise<boolean> {
  try {
    return (await run(cli, ['-h', host, '-p', port, 'ping'])).stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}

async function clusterOk(cli: string, host: string, port: string): Promise<boolean> {
  try {
    return /cluster_state:ok/.test((await run(cli, ['-h', host, '-p', port, 'cluster', 'info'])).stdout);
  } catch {
    return false;
  }
}

/** Ports the OS calls free now, all held until every one is found so none repeats. */
async function freePorts(host: string, count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve(server));
      });
    }),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL'); // test data only: nothing to flush
  await exited;
}
