import { mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { dataDir, type InfraConfig } from './config.js';
import type { Service } from './service.js';
import { REDIS_INSTALL, requireCommand } from './tools.js';

export function redisUrl(config: InfraConfig): string {
  return config.external.redisUrl ?? `redis://${config.host}:${config.redisPort}`;
}

export function redisService(config: InfraConfig): Service {
  const url = redisUrl(config);
  return {
    name: 'redis',
    endpoint: url,
    externalVariable: config.external.redisUrl ? 'REDIS_URL' : undefined,
    port: config.redisPort,
    probe: () => answersPing(url),
    prepare: async () => {
      const redisServer = requireCommand('redis-server', REDIS_INSTALL);
      const data = dataDir(config, 'redis');
      mkdirSync(data, { recursive: true });
      // Foreground with logs on stdout: faultline supervises it through its pid file and log file.
      const args = ['--bind', config.host, '--port', String(config.redisPort), '--dir', data];
      return { command: redisServer, args: [...args, '--daemonize', 'no', '--logfile', ''] };
    },
    readyTimeoutMs: 15_000,
    stopGraceMs: 10_000,
  };
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // a refused connection is an answer here, not an unhandled event
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
