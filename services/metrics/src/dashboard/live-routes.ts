import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LiveStream, withErrors } from '@faultline/api-contracts';
import { clientKey } from '@faultline/runtime';
import { MetricsError } from '../errors.js';
import { formatSse, type LiveHub } from './live-hub.js';
import { LiveParams } from './schemas.js';

export interface LiveRoutesOptions {
  hub: LiveHub;
  /** Comment lines keep proxies from closing a quiet stream. @default 15000 */
  heartbeatMs?: number | undefined;
  /** Streams one client (bearer token, else IP) may hold open; one more is a 429. @default 10 */
  maxStreamsPerClient?: number | undefined;
  /**
   * Bytes written but not yet taken by the client past which its stream is closed: a client that
   * does not keep up must not hold the process's memory, nor slow the others. @default 1048576
   */
  maxBufferedBytes?: number | undefined;
}

/** Server-sent events: `ready` once subscribed, then one `alert` per alert-event of the project. */
const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, options) => {
  const maxStreams = options.maxStreamsPerClient ?? 10;
  const maxBuffered = options.maxBufferedBytes ?? 1_048_576;
  const open = new Set<() => void>();
  const streamsOf = new Map<string, number>();
  // An open stream would keep close() waiting; end them first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/v1/projects/:projectId/live',
    {
      schema: { params: LiveParams, response: withErrors({ 200: LiveStream }) },
      config: { access: { role: 'viewer', project: 'params.projectId' } },
      // No HEAD twin: a hijacked stream sends its headers with its first write, which HEAD never gets.
      exposeHeadRoute: false,
    },
    (request, reply) => {
      const client = clientKey(request);
      const streams = streamsOf.get(client) ?? 0;
      if (streams >= maxStreams)
        throw new MetricsError(
          'FL_METRICS_TOO_MANY_STREAMS',
          `at most ${maxStreams} live streams per client: close one first`,
          { retryAfterSeconds: 5 },
        );
      streamsOf.set(client, streams + 1);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        const left = (streamsOf.get(client) ?? 1) - 1;
        if (left > 0) streamsOf.set(client, left);
        else streamsOf.delete(client);
        raw.end();
      };
      const send = (text: string) => {
        if (ended) return;
        raw.write(text);
        if (raw.writableLength > maxBuffered) {
          request.log.warn(
            { client, buffered: raw.writableLength },
            'live stream dropped: client not keeping up',
          );
          end();
          // end() would wait for the unsent bytes; a client that does not read never takes them.
          raw.destroy();
        }
      };
      // Subscribed first, written after: the hub publishes from the Kafka feed, never during this handler.
      const unsubscribe = options.hub.subscribe(request.params.projectId, (message) => {
        send(formatSse('alert', message, message.eventId));
      });
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
      open.add(end);
      request.raw.on('close', end);
      send('retry: 2000\n\n');
      send(formatSse('ready', { projectId: request.params.projectId }));
    },
  );
};

export default liveRoutes;
