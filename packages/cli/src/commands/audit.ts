/** `faultline audit list [--project <id>]` through the metrics audit API: a project's admins, or the owner for everything. */
import type { AuditRecord } from '@faultline/contracts';
import { parseDuration } from '../alerts/duration.js';
import { metricsAdminClient } from '../api/admin-client.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline audit list [--project <id>] [--action a.b] [--actor id] [--since 7d] [--limit n]  [--url http://127.0.0.1:8090] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    project: { type: 'string' },
    action: { type: 'string' },
    actor: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action] = positionals;
if (values.help || action !== 'list') fail(USAGE, action ? `unknown action ${action}` : undefined);
const json = values.json === true;

await runCommand(json, async () => {
  const admin = metricsAdminClient(process.env, values.url);
  const since = values.since === undefined ? undefined : parseDuration(values.since);
  if (since === null) fail(USAGE, '--since must be a duration such as 7d or 12h');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    fail(USAGE, '--limit must be a positive integer');
  const { entries } = await admin.audit({
    projectId: values.project,
    action: values.action,
    actor: values.actor,
    from: since === undefined ? undefined : new Date(Date.now() - since).toISOString(),
    limit,
  });
  return print(json, { entries }, () => entries.map(auditLine).join('\n') || 'no audit entries');
});

function auditLine(entry: AuditRecord): string {
  const via = entry.via?.tokenId ? `token ${entry.via.tokenId}` : entry.via?.sessionId ? 'session' : '';
  return [
    entry.at,
    entry.action,
    entry.projectId ?? '-',
    entry.target ?? '',
    `${entry.actor.name || entry.actor.id} (${entry.actor.kind} ${entry.actor.id})`,
    via,
    entry.ip ?? '',
  ].join('\t');
}
