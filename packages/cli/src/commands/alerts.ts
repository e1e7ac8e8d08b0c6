/** `faultline alerts list|show|ack|resolve` through the alerter's API. Ack and resolve are applied asynchronously (202). */
import { alertDetail, alertsTable } from '../alerts/render.js';
import { alerterClient } from '../api/alerter-client.js';
import { localToken, serviceClient } from '../api/service-endpoints.js';
import { fail, parseCommand } from '../args.js';
import { terminalWidth } from '../output/table.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline alerts list [--status firing|acknowledged|resolved] [--severity s] [--limit n] | show <id> | ack <id> | resolve <id> [--reason text]  [--url http://127.0.0.1:8091] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    status: { type: 'string' },
    severity: { type: 'string' },
    limit: { type: 'string' },
    reason: { type: 'string' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action, id] = positionals;
if (values.help || !action) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const client = alerterClient(
    serviceClient('alerter', process.env, { url: values.url, token: localToken(process.env) }),
  );
  switch (action) {
    case 'list': {
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
        fail(USAGE, '--limit must be a positive integer');
      const alerts = await client.listAlerts({ status: values.status, severity: values.severity, limit });
      return print(json, { alerts }, () => alertsTable(alerts, terminalWidth()));
    }
    case 'show': {
      if (!id) fail(USAGE, 'show needs an alert id');
      const alert = await client.getAlert(id);
      return print(json, alert, () => alertDetail(alert));
    }
    case 'ack':
    case 'acknowledge':
    case 'resolve': {
      if (!id) fail(USAGE, `${action} needs an alert id`);
      const command = action === 'resolve' ? 'resolve' : 'acknowledge';
      const result = await client.command(id, command, values.reason);
      return print(json, result, () => `${command} of ${id} sent (command ${result.commandId})`);
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});
