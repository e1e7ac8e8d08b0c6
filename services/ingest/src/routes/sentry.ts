import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SentryAccepted, withErrors } from '@faultline/api-contracts';
import type { ErrorEvent } from '@faultline/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { IngestError } from '../errors.js';
import { allowOrigin, enforceRateLimit, finishContext, header, readBody } from '../http/intake-steps.js';
import { publishEvents } from '../http/publish.js';
import { newEventId } from '../intake/event-id.js';
import { skippedItemLabel } from '../plugins/metrics.js';
import type { Project } from '../projects/project.js';
import { type KeySources, presentedKey } from '../sentry/auth.js';
import { parseEnvelope } from '../sentry/envelope.js';
import { sentryEventFromBytes } from '../sentry/sentry-event.js';
import type { IntakeRouteOptions } from './route-options.js';

const Params = Type.Object({ projectId: Type.String({ pattern: '^[0-9]{1,20}$' }) });
const Query = Type.Object({ sentry_key: Type.Optional(Type.String()) });

/**
 * Sentry's ingestion endpoints, so any Sentry SDK reports here by changing its DSN.
 * Event items become ErrorEvents; every other item type is accepted and counted, never
 * refused (SDKs send sessions and client reports alongside errors).
 */
const sentryRoutes: FastifyPluginAsyncTypebox<IntakeRouteOptions> = async (
  app,
  { config, projects, rateLimiter, topic },
) => {
  const routeOptions = {
    bodyLimit: config.ingest.bodyLimitBytes,
    schema: { params: Params, querystring: Query, response: withErrors({ 200: SentryAccepted }) },
    // Public for @faultline/access: the project key is checked in authorize().
    config: { access: { public: true as const } },
  };

  async function authorize(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { projectId: string; sentryKey?: string; dsn?: string },
  ): Promise<Project> {
    const sources: KeySources = {
      sentryAuthHeader: header(request, 'x-sentry-auth'),
      authorizationHeader: header(request, 'authorization'),
      sentryKeyQuery: target.sentryKey,
      dsn: target.dsn,
    };
    const { publicKey, dsnProjectId } = presentedKey(sources);
    if (dsnProjectId !== undefined && dsnProjectId !== target.projectId) {
      throw new IngestError(
        'FL_INGEST_AUTH_MISMATCH',
        `the envelope's DSN names project ${dsnProjectId}, the URL ${target.projectId}`,
      );
    }
    const project = await projects.authenticate(publicKey, target.projectId);
    allowOrigin(request, reply, project);
    return project;
  }

  async function accept(project: Project, events: ErrorEvent[], endpoint: string): Promise<void> {
    await enforceRateLimit(rateLimiter, project, events.length, config);
    if (events.length === 0) return;
    await publishEvents(app.producer, events, {
      topic,
      timeoutMs: config.ingest.produceTimeoutMs,
      retryAfterSeconds: config.ingest.unavailableRetryAfterSeconds,
    });
    app.metrics.accepted.inc({ endpoint }, events.length);
  }

  for (const url of ['/api/:projectId/envelope/', '/api/:projectId/envelope']) {
    app.post(url, routeOptions, async (request, reply) => {
      const receivedAtMs = Date.now();
      const envelope = parseEnvelope(await readBody(request, config.ingest.bodyLimitBytes));
      const dsn = typeof envelope.headers.dsn === 'string' ? envelope.headers.dsn : undefined;
      const project = await authorize(request, reply, {
        projectId: request.params.projectId,
        sentryKey: request.query.sentry_key,
        dsn,
      });
      const headerEventId =
        typeof envelope.headers.event_id === 'string' ? envelope.headers.event_id : undefined;
      const context = { ...finishContext(config, project.id, receivedAtMs), fallbackEventId: headerEventId };
      const events: ErrorEvent[] = [];
      for (const item of envelope.items) {
        if (item.type === 'event')
          events.push(sentryEventFromBytes(item.payload, { ...context, index: events.length }));
        else app.metrics.skippedItems.inc({ type: skippedItemLabel(item.type) });
      }
      await accept(project, events, 'envelope');
      return reply.send({ id: events[0]?.eventId ?? headerEventId ?? newEventId() });
    });
  }

  for (const url of ['/api/:projectId/store/', '/api/:projectId/store']) {
    app.post(url, routeOptions, async (request, reply) => {
      const receivedAtMs = Date.now();
      const project = await authorize(request, reply, {
        projectId: request.params.projectId,
        sentryKey: request.query.sentry_key,
      });
      const event = sentryEventFromBytes(
        await readBody(request, config.ingest.bodyLimitBytes),
        finishContext(config, project.id, receivedAtMs),
      );
      await accept(project, [event], 'store');
      return reply.send({ id: event.eventId });
    });
  }
};

export default sentryRoutes;
