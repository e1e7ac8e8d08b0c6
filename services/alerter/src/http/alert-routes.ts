import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AlertCommandAccepted, AlertList, AlertView, withErrors } from '@faultline/api-contracts';
import {
  type AlertCommand,
  AlertStatus,
  alertCommandCodec,
  SCHEMA_VERSION,
  Severity,
} from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import Type from 'typebox';
import { AlerterError } from '../errors.js';
import type { AlertRecord } from '../state/alert-record.js';
import type { AlertStore } from '../state/alert-store.js';

export interface AlertRouteOptions {
  store: AlertStore;
  producer: BatchingProducer;
  /** The prefixed alert-commands topic. */
  commandsTopic: string;
}

const AlertParams = Type.Object({ alertId: Type.String({ minLength: 1, maxLength: 64 }) });
const ListQuery = Type.Object({
  status: Type.Optional(AlertStatus),
  severity: Type.Optional(Severity),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
const CommandBody = Type.Object(
  {
    actor: Type.String({ minLength: 1, maxLength: 256 }),
    reason: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

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
 * consumer stays the one writer of alert state.
 */
const alertRoutes: FastifyPluginAsyncTypebox<AlertRouteOptions> = async (
  app,
  { store, producer, commandsTopic },
) => {
  app.get(
    '/api/v1/alerts',
    { schema: { querystring: ListQuery, response: withErrors({ 200: AlertList }) } },
    async (request) => {
      const { status, severity, limit = 100 } = request.query;
      const records = await store.list(status || severity ? 1000 : limit);
      const alerts = records
        .filter((r) => (!status || r.alert.status === status) && (!severity || r.alert.severity === severity))
        .slice(0, limit);
      return { alerts: alerts.map(describe) };
    },
  );

  app.get(
    '/api/v1/alerts/:alertId',
    { schema: { params: AlertParams, response: withErrors({ 200: AlertView }) } },
    async (request) => {
      const stored = (await store.load([request.params.alertId])).get(request.params.alertId);
      if (!stored) throw new AlerterError('FL_ALERTER_NOT_FOUND', `no alert ${request.params.alertId}`);
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
      },
      async (request, reply) => {
        const { alertId } = request.params;
        if (!(await store.load([alertId])).has(alertId))
          throw new AlerterError('FL_ALERTER_NOT_FOUND', `no alert ${alertId}`);
        const command: AlertCommand = {
          schemaVersion: SCHEMA_VERSION,
          commandId: randomUUID().replaceAll('-', ''),
          alertId,
          action,
          actor: request.body.actor,
          ...(request.body.reason ? { reason: request.body.reason } : {}),
          issuedAt: new Date().toISOString(),
        };
        await producer.send(commandsTopic, { key: alertId, value: alertCommandCodec.encode(command) });
        return reply.code(202).send({ commandId: command.commandId, alertId, action });
      },
    );
  }
};

export default alertRoutes;
