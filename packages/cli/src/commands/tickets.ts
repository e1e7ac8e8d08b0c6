/**
 * `tsx services/metrics/src/cli/tickets.ts <command> --project <id> [--json]` against the metrics API
 * (FAULTLINE_METRICS_URL, default http://127.0.0.1:8090):
 *   list [--status open|in-progress|resolved] [--group <groupId>] | show <ticketId>
 *   create (--group <groupId> | --event <eventId> | --title <text>) [--assignee <team>] --actor <name>
 *   step <ticketId> --action <a> [--description <d>] [--status open|in-progress] --author <name>
 *   assign <ticketId> <assignee> --author <name> [--description <d>]
 *   resolve <ticketId> --resolver <name> --description <d> [--next-release [--release <r>]]
 *   reopen <ticketId> --actor <name> [--description <d>]
 */
import { parseArgs } from 'node:util';
import { callApi } from './api-client.js';

const USAGE =
  'usage: tickets list|show|create|step|assign|resolve|reopen --project <id> [...] [--json] (see the file header)';

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      json: { type: 'boolean', default: false },
      status: { type: 'string' },
      group: { type: 'string' },
      event: { type: 'string' },
      title: { type: 'string' },
      assignee: { type: 'string' },
      actor: { type: 'string' },
      author: { type: 'string' },
      action: { type: 'string' },
      description: { type: 'string' },
      resolver: { type: 'string' },
      'next-release': { type: 'boolean', default: false },
      release: { type: 'string' },
    },
  });
  const [command, id, extra] = positionals;
  if (!values.project || !command) return usage();
  const base = `/api/v1/projects/${encodeURIComponent(values.project)}/tickets`;
  const ticketPath = id ? `${base}/${encodeURIComponent(id)}` : '';
  const defined = (object: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
  let result: { status: number; json: unknown };
  if (command === 'list') {
    const query = new URLSearchParams(
      defined({ status: values.status, groupId: values.group }) as Record<string, string>,
    );
    result = await callApi('GET', `${base}${query.size > 0 ? `?${query}` : ''}`);
  } else if (command === 'show' && id) result = await callApi('GET', ticketPath);
  else if (command === 'create')
    result = await callApi(
      'POST',
      base,
      defined({
        groupId: values.group,
        eventId: values.event,
        title: values.title,
        assignee: values.assignee,
        actor: values.actor ?? 'cli',
      }),
    );
  else if (command === 'step' && id && values.action)
    result = await callApi(
      'POST',
      `${ticketPath}/steps`,
      defined({
        action: values.action,
        description: values.description ?? '',
        status: values.status,
        author: values.author ?? 'cli',
      }),
    );
  else if (command === 'assign' && id && extra)
    result = await callApi('POST', `${ticketPath}/steps`, {
      action: 'reassign',
      description: values.description ?? `assigned to ${extra}`,
      assignee: extra,
      author: values.author ?? 'cli',
    });
  else if (command === 'resolve' && id && values.resolver)
    result = await callApi(
      'POST',
      `${ticketPath}/resolve`,
      defined({
        resolver: values.resolver,
        description: values.description ?? '',
        inNextRelease: values['next-release'],
        release: values.release,
      }),
    );
  else if (command === 'reopen' && id)
    result = await callApi('POST', `${ticketPath}/reopen`, {
      actor: values.actor ?? 'cli',
      description: values.description ?? '',
    });
  else return usage();
  console.log(values.json ? JSON.stringify(result.json) : format(result.json));
  return result.status < 400 ? 0 : 1;
}

function format(body: unknown): string {
  const value = body as { tickets?: Ticketish[]; ticket?: Ticketish; code?: string; message?: string };
  if (value.code) return `${value.code}: ${value.message}`;
  if (value.tickets) return value.tickets.map(line).join('\n') || 'no tickets';
  if (value.ticket)
    return [
      line(value.ticket),
      value.ticket.description,
      ...value.ticket.steps.map((s) => `  ${s.at} ${s.author} ${s.action}: ${s.description}`),
    ].join('\n');
  return JSON.stringify(body, null, 2);
}

interface Ticketish {
  ticketId: string;
  status: string;
  assignee: string;
  title: string;
  description: string;
  steps: { at: string; author: string; action: string; description: string }[];
}
const line = (t: Ticketish) => `${t.ticketId}\t${t.status}\t${t.assignee}\t${t.title}`;

function usage(): number {
  console.error(USAGE);
  return 2;
}

process.exitCode = await run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
