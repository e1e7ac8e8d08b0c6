/** `faultline members add|list|remove --project <id>` through the metrics admin API (the project's admins). */
import { PROJECT_ROLES, type ProjectRole } from '@faultline/contracts';
import { metricsAdminClient } from '../api/admin-client.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline members add (--user <userId> | --team <teamId>) --role viewer|responder|admin | list | remove (--user <userId> | --team <teamId>)  --project <id> [--url http://127.0.0.1:8090] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    project: { type: 'string' },
    user: { type: 'string' },
    team: { type: 'string' },
    role: { type: 'string' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action] = positionals;
if (values.help || !action) fail(USAGE);
if (!values.project) fail(USAGE, 'members needs --project');
const projectId = values.project;
const json = values.json === true;

await runCommand(json, async () => {
  const admin = metricsAdminClient(process.env, values.url);
  switch (action) {
    case 'add': {
      if (!PROJECT_ROLES.includes(values.role as ProjectRole))
        fail(USAGE, '--role must be viewer, responder or admin');
      const { member } = await admin.setMember(projectId, {
        principal: principal(),
        role: values.role as ProjectRole,
      });
      return print(json, { member }, () => `${member.name} is ${member.role} on project ${projectId}`);
    }
    case 'list': {
      const { members } = await admin.listMembers(projectId);
      const lines = members.map((m) =>
        [
          'userId' in m.principal ? `user ${m.principal.userId}` : `team ${m.principal.teamId}`,
          m.name,
          m.role,
        ].join('\t'),
      );
      return print(json, { members }, () => lines.join('\n') || 'no members');
    }
    case 'remove': {
      const { member } = await admin.removeMember(projectId, principal());
      return print(json, { member }, () => `${member.name} removed from project ${projectId}`);
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});

function principal(): { userId: string } | { teamId: string } {
  if (values.user && values.team) fail(USAGE, 'give --user or --team, not both');
  if (values.user) return { userId: values.user };
  if (values.team) return { teamId: values.team };
  fail(USAGE, 'give --user <userId> or --team <teamId>');
}
