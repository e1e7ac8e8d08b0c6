import { randomUUID } from 'node:crypto';
import { type AlertCommand, SCHEMA_VERSION } from '@faultline/contracts';

export const COMMAND_ACTIONS = ['acknowledge', 'resolve'] as const;
export type CommandAction = (typeof COMMAND_ACTIONS)[number];

/** The AlertCommand a dashboard button sends; the alerter applies it and answers with an alert-event. */
export function buildAlertCommand(input: {
  alertId: string;
  action: CommandAction;
  actor: string;
  reason?: string;
  now: number;
  commandId?: string;
}): AlertCommand {
  return {
    schemaVersion: SCHEMA_VERSION,
    commandId: input.commandId ?? randomUUID(),
    alertId: input.alertId,
    action: input.action,
    actor: input.actor,
    ...(input.reason ? { reason: input.reason } : {}),
    issuedAt: new Date(input.now).toISOString(),
  };
}
