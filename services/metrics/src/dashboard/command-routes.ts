import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Auditor } from '@faultline/access';
import { AlertCommandAccepted, withErrors } from '@faultline/api-contracts';
import { alertCommandCodec } from '@faultline/contracts';
import { buildAlertCommand } from './alert-command.js';
import { DashboardError } from './errors.js';
import type { LiveHub } from './live-hub.js';
import { alertExists } from './queries.js';
import { CommandBody, CommandParams } from './schemas.js';

/** Writes one message to the alert-commands topic (key = alertId), resolving once Kafka acknowledged it. */
export type SendCommand = (key: string, value: Buffer) => Promise<void>;

export interface CommandRoutesOptions {
  clickhouse: ClickHouseClient;
  hub: LiveHub;
  sendCommand: SendCommand;
  now: () => number;
  audit: Auditor['audit'];
}

/**
 * Acknowledge / resolve from the page: an AlertCommand on alert-commands, answered 202, for a
 * responder of the project, who is the command's actor (and the audit record's). The alerter
 * is the one writer of alert state; the page sees the outcome as a live alert-event.
 */
const commandRoutes: FastifyPluginAsyncTypebox<CommandRoutesOptions> = async (app, options) => {
  app.post(
    '/api/v1/projects/:projectId/alerts/:alertId/:action',
    {
      schema: {
        params: CommandParams,
        body: CommandBody,
        response: withErrors({ 202: AlertCommandAccepted }),
      },
      config: { access: { role: 'responder', project: 'params.projectId' } },
    },
    async (request, reply) => {
      const { projectId, alertId, action } = request.params;
      // Seen live by this instance (ClickHouse may lag by a batch), else stored: never a command for an alert of another project.
      const seenProject = options.hub.projectOf(alertId);
      const known =
        seenProject === undefined
          ? await alertExists(options.clickhouse, projectId, alertId)
          : seenProject === projectId;
      if (!known)
        throw new DashboardError(
          'FL_DASHBOARD_ALERT_NOT_FOUND',
          `no alert ${alertId} in project ${projectId}`,
        );

      const { reason } = request.body;
      const command = buildAlertCommand({
        alertId,
        action,
        actor: request.identity.name,
        ...(reason ? { reason } : {}),
        now: options.now(),
      });
      try {
        await options.sendCommand(alertId, alertCommandCodec.encode(command));
      } catch (error) {
        throw new DashboardError(
          'FL_DASHBOARD_COMMANDS_UNAVAILABLE',
          'could not write the command to Kafka',
          {
            cause: error,
          },
        );
      }
      await options.audit(request, `alert.${action}`, {
        projectId,
        target: alertId,
        details: { commandId: command.commandId, ...(reason ? { reason } : {}) },
      });
      request.log.info(
        { alertId, action, actor: command.actor, commandId: command.commandId },
        'alert command sent',
      );
      return reply.code(202).send({ commandId: command.commandId, alertId, action });
    },
  );
};

export default commandRoutes;
