import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccessError, type Auditor } from '@faultline/access';
import { AlertCommandAccepted, AlertList, AlertView, withErrors } from '@faultline/api-contracts';
import {
  type AlertCommand,
  AlertStatus,
  alertCommandCodec,
  type ProjectRole,
  SCHEMA_VERSION,
  Severity,
} from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AlerterError } from '../errors.js';
import type { AlertRecord } from '../state/alert-record.js';
import type { AlertStore } from '../state/alert-store.js';

export interface AlertRouteOptions {
  store: AlertStore;
  producer: BatchingProducer;
  /** The prefixed alert-commands topic. */
  commandsTopic: string;
  /** Appends each command to the audit log, the caller as its actor. */
  audit: Auditor['audit'];
}

const AlertParams = Type.Object({ alertId: Type.String({ minLength: 1, maxLength: 64 }) });
const ListQuery = Type.Object({
  status: Type.Optional(AlertStatus),
  severity: Type.Optional(Severity),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
const CommandBody = Type.Object(
  {
    /** Ignored (older clients send it): the actor is the caller's verified identity. */
    actor: Type.Optional(Type.String({ maxLength: 256 })),
    reason: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

/** Alerts belong to a project (their scope's); a caller sees and changes only those of its projects. */
function assertMay(request: FastifyRequest, role: ProjectRole, record: AlertRecord): void {
  const { projectId } = record.alert.scope;
  if (!request.identity.can(role, projectId))
    throw new AccessError('FL_FORBIDDEN', `this credential is not ${role} on project ${projectId}`);
}

function describe(record: AlertRecord): AlertView {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    ...record.alert,
    firedAt: iso(record.firedAt),
    acknowledgedAt: iso(record.acknowledgedAt),
    ackExpiresAt: iso(record.ackExpiresAt),
    resolvedAt: iso(record.resolvedAt),
  };
}

/**
 * /api/v1/alerts: list with state, one alert, acknowledge, resolve. Acknowledge and resolve
 * write an AlertCommand to alert-commands (202) like the dashboard and the CLI do, so the
 * consumer stays the one writer of alert state. The routes span projects: each answers only
 * alerts of projects the caller holds the role on (viewer to read, responder to change).
 */
const alertRoutes: FastifyPluginAsyncTypebox<AlertRouteOptions> = async (
  app,
  { store, producer, commandsTopic, audit },
) => {
  app.get(
    '/api/v1/alerts',
    {
      schema: { querystring: ListQuery, response: withErrors({ 200: AlertList }) },
      config: { access: { role: 'viewer', project: 'none' } },
    },
    async (request) => {
      const { status, severity, limit = 100 } = request.query;
      const visible = (r: AlertRecord) => request.identity.can('viewer', r.alert.scope.projectId);
      const all = request.identity.visibleProjects().all;
      const records = await store.list(status || severity || !all ? 1000 : limit);
      const alerts = records
        .filter(
          (r) =>
            visible(r) &&
            (!status || r.alert.status === status) &&
            (!severity || r.alert.severity === severity),
        )
        .slice(0, limit);
      return { alerts: alerts.map(describe) };
    },
  );

  app.get(
    '/api/v1/alerts/:alertId',
    {
      schema: { params: AlertParams, response: withErrors({ 200: AlertView }) },
      config: { access: { role: 'viewer', project: 'none' } },
    },
    async (request) => {
      const stored = (await store.load([request.params.alertId])).get(request.params.alertId);
      if (!stored) throw new AlerterError('FL_ALERTER_NOT_FOUND', `no alert ${request.params.alertId}`);
      assertMay(request, 'viewer', stored.record);
      return describe(stored.record);
    },
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.post(
      `/api/v1/alerts/:alertId/${action}`,
      {
        schema: {
          params: AlertParams,
          body: CommandBody,
          response: withErrors({ 202: AlertCommandAccepted }),
        },
        config: { access: { role: 'responder', project: 'none' } },
      },
      async (request, reply) => {
        const { alertId } = request.params;
        const stored = (await store.load([alertId])).get(alertId);
        if (!stored) throw new AlerterError('FL_ALERTER_NOT_FOUND', `no alert ${alertId}`);
        assertMay(request, 'responder', stored.record);
        const command: AlertCommand = {
          schemaVersion: SCHEMA_VERSION,
          commandId: randomUUID().replaceAll('-', ''),
          alertId,
          action,
          actor: request.identity.name,
          ...(request.body.reason ? { reason: request.body.reason } : {}),
          issuedAt: new Date().toISOString(),
        };
        await producer.send(commandsTopic, { key: alertId, value: alertCommandCodec.encode(command) });
        await audit(request, `alert.${action}`, {
          projectId: stored.record.alert.scope.projectId,
          target: alertId,
          details: { commandId: command.commandId, ...(command.reason ? { reason: command.reason } : {}) },
        });
        return reply.code(202).send({ commandId: command.commandId, alertId, action });
      },
    );
  }
};

export default alertRoutes;
