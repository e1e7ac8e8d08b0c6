import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AcceptedEvents, withErrors } from '@faultline/api-contracts';
import { IngestError } from '../errors.js';
import { allowOrigin, enforceRateLimit, finishContext, header, readBody } from '../http/intake-steps.js';
import { publishEvents } from '../http/publish.js';
import { finishEvent } from '../intake/finish-event.js';
import { parseNativeBody } from '../intake/native-body.js';
import { decodeUtf8 } from '../intake/text.js';
import { presentedKey } from '../sentry/auth.js';
import type { IntakeRouteOptions } from './route-options.js';

/**
 * POST /api/v1/events: one ErrorEvent, a JSON array of them, or NDJSON. The key goes in
 * `Authorization: Bearer <key>` or `X-Faultline-Key` (the Sentry forms work too); the project
 * comes from the key. All or nothing: one invalid event refuses the whole request.
 */
const nativeEvents: FastifyPluginAsyncTypebox<IntakeRouteOptions> = async (
  app,
  { config, projects, rateLimiter, topic },
) => {
  app.post(
    '/api/v1/events',
    {
      bodyLimit: config.ingest.bodyLimitBytes,
      schema: { response: withErrors({ 202: AcceptedEvents }) },
      // Public for @faultline/access: the project key is checked below.
      config: { access: { public: true } },
    },
    async (request, reply) => {
      const receivedAtMs = Date.now();
      const query = request.query as Record<string, string | string[] | undefined>;
      // `?sentry_key=a&sentry_key=b` parses to an array: more than one key, like disagreeing headers.
      if (Array.isArray(query.sentry_key))
        throw new IngestError('FL_INGEST_AUTH_MISMATCH', 'sentry_key is given more than once');
      const { publicKey } = presentedKey({
        authorizationHeader: header(request, 'authorization'),
        faultlineKeyHeader: header(request, 'x-faultline-key'),
        sentryAuthHeader: header(request, 'x-sentry-auth'),
        sentryKeyQuery: query.sentry_key,
      });
      const project = await projects.authenticate(publicKey);
      allowOrigin(request, reply, {
        allowedOrigins: [...config.ingest.corsOrigins, ...project.allowedOrigins],
      });

      const text = decodeUtf8(await readBody(request, config.ingest.bodyLimitBytes));
      const submitted = parseNativeBody(text, header(request, 'content-type'));
      if (submitted.length > config.ingest.maxEventsPerRequest) {
        throw new IngestError(
          'FL_INGEST_BODY_TOO_LARGE',
          `${submitted.length} events in one request; at most ${config.ingest.maxEventsPerRequest}`,
        );
      }
      const context = finishContext(config, project.id, receivedAtMs);
      const events = submitted.map((value, index) => finishEvent(value, { ...context, index }));

      await enforceRateLimit(rateLimiter, project, events.length, config);
      await publishEvents(app.producer, events, {
        topic,
        timeoutMs: config.ingest.produceTimeoutMs,
        retryAfterSeconds: config.ingest.unavailableRetryAfterSeconds,
      });
      app.metrics.accepted.inc({ endpoint: 'events' }, events.length);
      return reply.code(202).send({ ids: events.map((event) => event.eventId) });
    },
  );
};

export default nativeEvents;
