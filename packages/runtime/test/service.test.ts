import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type ServiceOptions, startService } from '../src/index.js';

/** In-process: no process listeners, `exit` recorded instead of called. */
function testService(options: Partial<ServiceOptions> = {}) {
  const exits: number[] = [];
  const service = startService({
    name: 'test',
    logLevel: 'silent',
    handleProcessEvents: false,
    exit: (code) => exits.push(code),
    ...options,
  });
  return { service, exits };
}

describe('startService', () => {
  it('exits 0 after a clean shutdown, 1 when a stop step failed', async () => {
    const clean = testService();
    clean.service.onStop('clients', () => undefined);
    await clean.service.shutdown({ signal: 'SIGTERM' });
    expect(clean.exits).toEqual([0]);

    const failing = testService();
    failing.service.onStop('producers', () => Promise.reject(new Error('flush failed')));
    await failing.service.shutdown({ signal: 'SIGTERM' });
    expect(failing.exits).toEqual([1]);
  });

  it('shuts down once, with exit code 1, when a consumer gives up', async () => {
    const { service, exits } = testService();
    let giveUp!: (error: Error) => void;
    let stopped = 0;
    service.consumer({
      done: new Promise((_, reject) => {
        giveUp = reject;
      }),
      stop: async () => {
        stopped++;
      },
    });
    giveUp(new Error('FL_KAFKA_CONSUMER_CRASHED'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await service.shutdown({ signal: 'SIGTERM' }); // already under way: the second call joins it
    expect(stopped).toBe(1);
    expect(exits[0]).toBe(1);
  });

  it('serves /healthz, /readyz with its named checks and /metrics until the servers stage', async () => {
    const { service } = testService();
    const server = await service.listenHealth({ host: '127.0.0.1', port: 0 }, [
      { name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) },
      { name: 'kafka', check: () => undefined },
    ]);
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, { ok: boolean }> }).checks).toMatchObject({
      redis: { ok: false },
      kafka: { ok: true },
    });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    await service.shutdown();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
