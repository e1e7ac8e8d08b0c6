/** `faultline tickets ...` through the resolution service's API, the one writer of tickets (its locks and acks). */
import type {
  CreateTicketBody,
  ListTicketsQuery,
  ReopenBody,
  ResolveBody,
  StepBody,
  TicketAnswer,
  TicketCreated,
  TicketDetail,
  TicketList,
} from '@faultline/api-contracts';
import type { Ticket } from '@faultline/contracts';
import { projectPath, resolutionApi } from '../api/resolution-api.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE = `faultline tickets <command> --project <id> [--json]  (resolution API: FAULTLINE_RESOLUTION_URL, default http://127.0.0.1:8095)
  list [--status open|in-progress|resolved] [--group <groupId>] | show <ticketId>
  create (--group <groupId> | --event <eventId> | --title <text>) [--assignee <team>]
  step <ticketId> --action <a> [--description <d>] [--status open|in-progress]
  assign <ticketId> <assignee> [--description <d>]
  resolve <ticketId> [--description <d>] [--next-release [--release <r>]]
  reopen <ticketId> [--description <d>]
  Each change is made as the token's owner (FAULTLINE_TOKEN, else pnpm start's owner token).`;

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    project: { type: 'string' },
    status: { type: 'string' },
    group: { type: 'string' },
    event: { type: 'string' },
    title: { type: 'string' },
    assignee: { type: 'string' },
    action: { type: 'string' },
    description: { type: 'string' },
    'next-release': { type: 'boolean', default: false },
    release: { type: 'string' },
  },
  USAGE,
);
const [command, id, extra] = positionals;
if (values.help || !command) fail(USAGE);
if (!values.project) fail(USAGE, '--project is required');
const json = values.json === true;
const api = resolutionApi(process.env);
const base = `${projectPath(values.project)}/tickets`;
const ticketUrl = id ? `${base}/${encodeURIComponent(id)}` : '';
type Answer = Partial<TicketList & TicketAnswer>;

// Bodies are typed by the API's contracts; JSON leaves out what is undefined, so the service applies its defaults.
async function call(): Promise<Answer> {
  switch (command) {
    case 'list':
      return api.get<TicketList>(base, {
        // The service refuses an unknown status with a coded 400.
        status: values.status as ListTicketsQuery['status'],
        groupId: values.group,
      } satisfies ListTicketsQuery);
    case 'show':
      if (!id) fail(USAGE, 'show needs a ticket id');
      return api.get<TicketDetail>(ticketUrl);
    case 'create':
      return api.post<TicketCreated>(base, {
        groupId: values.group,
        eventId: values.event,
        title: values.title,
        assignee: values.assignee,
      } satisfies CreateTicketBody);
    case 'step':
      if (!id || !values.action) fail(USAGE, 'step needs a ticket id and --action');
      return api.post<TicketAnswer>(`${ticketUrl}/steps`, {
        action: values.action,
        description: values.description ?? '',
        status: values.status as StepBody['status'],
      } satisfies StepBody);
    case 'assign':
      if (!id || !extra) fail(USAGE, 'assign needs a ticket id and an assignee');
      return api.post<TicketAnswer>(`${ticketUrl}/steps`, {
        action: 'reassign',
        description: values.description ?? `assigned to ${extra}`,
        assignee: extra,
      } satisfies StepBody);
    case 'resolve':
      if (!id) fail(USAGE, 'resolve needs a ticket id');
      return api.post<TicketAnswer>(`${ticketUrl}/resolve`, {
        description: values.description ?? '',
        inNextRelease: values['next-release'],
        release: values.release,
      } satisfies ResolveBody);
    case 'reopen':
      if (!id) fail(USAGE, 'reopen needs a ticket id');
      return api.post<TicketAnswer>(`${ticketUrl}/reopen`, {
        description: values.description ?? '',
      } satisfies ReopenBody);
    default:
      fail(USAGE, `unknown command ${command}`);
  }
}

await runCommand(json, async () => {
  const answer = await call();
  print(json, answer, () => format(answer));
});

/** A list: one line per ticket; one ticket: its line, its description and its steps. */
function format(answer: Answer): string {
  if (answer.tickets) return answer.tickets.map(line).join('\n') || 'no tickets';
  if (answer.ticket)
    return [
      line(answer.ticket),
      answer.ticket.description,
      ...answer.ticket.steps.map((s) => `  ${s.at} ${s.author} ${s.action}: ${s.description}`),
    ].join('\n');
  return JSON.stringify(answer, null, 2);
}

function line(ticket: Ticket): string {
  return `${ticket.ticketId}\t${ticket.status}\t${ticket.assignee}\t${ticket.title}`;
}
