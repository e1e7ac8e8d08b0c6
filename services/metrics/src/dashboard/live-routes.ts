import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LiveStream, withErrors } from '@faultline/api-contracts';
import { formatSse, type LiveHub } from './live-hub.js';
import { LiveParams } from './schemas.js';

export interface LiveRoutesOptions {
  hub: LiveHub;
  /** Comment lines keep proxies from closing a quiet stream. @default 15000 */
  heartbeatMs?: number;
}

/** Server-sent events: `ready` once subscribed, then one `alert` per alert-event of the project. */
const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, options) => {
  const open = new Set<() => void>();
  // An open stream would keep close() waiting; end them first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/v1/projects/:projectId/live',
    { schema: { params: LiveParams, response: withErrors({ 200: LiveStream }) } },
    (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');
      const unsubscribe = options.hub.subscribe(request.params.projectId, (message) => {
        raw.write(formatSse('alert', message, message.eventId));
      });
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
      raw.write(formatSse('ready', { projectId: request.params.projectId }));
    },
  );
};

export default liveRoutes;
