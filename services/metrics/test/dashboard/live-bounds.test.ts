import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAccess } from '../../../../test/support/access.js';
import { buildMetricsApp } from '../../src/api/build-app.js';
import { LiveHub } from '../../src/dashboard/index.js';
import { logger } from '../support/database.js';
import { alertEvent } from '../support/fixtures.js';
import { waitFor } from '../support/infra.js';

/**
 * The live stream's bounds over real sockets: a client that stops reading is dropped once its
 * unsent bytes pass the cap while a reading client gets every alert, and one client cannot
 * open more streams than allowed. The hub is fed directly: what is under test is the HTTP side,
 * the Kafka feed in front of it is dashboard.int.test.ts's.
 */
// One read token per client, in memory: the stream cap counts per token.
const { access, secrets } = memoryAccess(['reader', 'stalled', 'alice', 'bob']);

describe('live stream bounds', () => {
  const hub = new LiveHub();
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = await buildMetricsApp({
      access,
      // The live routes never query ClickHouse; a client that is never used.
      clickhouse: {} as never,
      logger,
      dashboard: {
        hub,
        webRoot: '/nonexistent',
        resolutionUrl: 'http://127.0.0.1:8095',
        sendCommand: async () => {},
        audit: async () => {
          throw new Error('no changes here');
        },
        maxStreamsPerClient: 2,
        maxBufferedBytes: 1024 * 1024,
      },
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(url).port);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('drops a client that does not read, while a reading client receives every alert', async () => {
    const reader = openRaw(port, 'shop', 'reader');
    const stalled = openRaw(port, 'shop', 'stalled');
    await waitFor(() => reader.text().includes('event: ready'), 5000, 'the reader to subscribe');
    await waitFor(() => stalled.text().includes('event: ready'), 5000, 'the stalled one to subscribe');
    stalled.socket.pause();
    // Far more than the kernel's socket buffers hold, so the stalled stream backs up in the process.
    const big = 'x'.repeat(1000);
    const total = 10_000;
    for (let i = 0; i < total; i++) {
      const event = alertEvent('shop', `alert-${i}`, 'fired', 'firing', 'high', new Date().toISOString());
      hub.publish({ ...event, alert: { ...event.alert, message: big } });
      // A pause now and then, as between Kafka fetches: a reading client's buffer drains in it.
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // The server gives the stalled stream up (unsubscribed) long before the reader is done.
    await waitFor(() => hub.subscribers === 1, 10_000, 'the stalled client to be dropped');
    await waitFor(
      () => reader.text().includes(`"alertId":"alert-${total - 1}"`),
      30_000,
      'the reader to get the last alert',
    );
    expect(reader.text().match(/event: alert\n/g)?.length).toBe(total);
    expect(reader.closed()).toBe(false);
    expect(hub.subscribers).toBe(1);
    // Reading again, the stalled client finds its stream closed, cut short of the alerts.
    stalled.socket.resume();
    await waitFor(() => stalled.closed(), 10_000, 'the stalled socket to close');
    expect(stalled.text().match(/event: alert\n/g)?.length ?? 0).toBeLessThan(total);
    reader.socket.destroy();
    await waitFor(() => hub.subscribers === 0, 5000, 'the reader to unsubscribe');
  }, 60_000);

  it('refuses a client past its stream cap with a coded 429; another client still gets in', async () => {
    const first = openRaw(port, 'shop', 'alice');
    const second = openRaw(port, 'shop', 'alice');
    await waitFor(() => first.text().includes('event: ready'), 5000, 'the first stream');
    await waitFor(() => second.text().includes('event: ready'), 5000, 'the second stream');
    const third = await fetch(`http://127.0.0.1:${port}/api/v1/projects/shop/live`, {
      headers: { authorization: `Bearer ${secrets.alice}` },
    });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(((await third.json()) as { error: string }).error).toBe('FL_METRICS_TOO_MANY_STREAMS');
    const bob = openRaw(port, 'shop', 'bob');
    await waitFor(() => bob.text().includes('event: ready'), 5000, "another client's stream");
    // A closed stream frees its place.
    first.socket.destroy();
    await waitFor(() => hub.subscribers === 2, 5000, 'the first stream to unsubscribe');
    const again = openRaw(port, 'shop', 'alice');
    await waitFor(() => again.text().includes('event: ready'), 5000, 'a stream in the freed place');
    for (const stream of [second, bob, again]) stream.socket.destroy();
  });
});

/** A stream over a bare socket, so the test decides when (and whether) it reads. */
function openRaw(
  port: number,
  project: string,
  client: string,
): { socket: Socket; text(): string; closed(): boolean } {
  const token = secrets[client];
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let closed = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => {});
  socket.write(
    `GET /api/v1/projects/${project}/live HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\n\r\n`,
  );
  return { socket, text: () => text, closed: () => closed };
}
