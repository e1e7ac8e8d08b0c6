/**
 * `faultline <group> ...` (`pnpm faultline`, or the `faultline` bin): one entry point for every command.
 * The group's module runs in this process, reading its arguments from `process.argv.slice(2)` as if
 * it had been started on its own; each command talks to the services over HTTP.
 */
import { fileURLToPath } from 'node:url';

// Scripts are named from the repository root; resolved from here, so the bin works from any folder.
const repoRoot = new URL('../../../', import.meta.url);

const GROUPS: Record<string, { script: string; summary: string }> = {
  doctor: {
    script: 'packages/cli/src/commands/doctor.ts',
    summary: '[--service name=url]... [--group id=topics]... [--max-lag n] [--restart]  [--json]',
  },
  alerts: {
    script: 'packages/cli/src/commands/alerts.ts',
    summary: 'list [--status s] [--severity s] | show <id> | ack <id> | resolve <id>  [--json]',
  },
  silences: {
    script: 'packages/cli/src/commands/silences.ts',
    summary: 'list | create --match key=value... --for 2h [--comment c] | expire <id>  [--json]',
  },
  report: {
    script: 'packages/cli/src/commands/report.ts',
    summary:
      'daily | weekly --project <id> [--format markdown|html] [--out file] [--email to] [--slack url]  [--json]',
  },
  projects: {
    script: 'packages/cli/src/commands/projects.ts',
    summary: 'create <name> | list | revoke <projectId> | add-key <projectId>  [--json]',
  },
  tickets: {
    script: 'packages/cli/src/commands/tickets.ts',
    summary:
      'list | show <id> | create | step <id> | assign <id> <team> | resolve <id> | reopen <id>  --project <id> [--json]',
  },
  tokens: {
    script: 'packages/cli/src/commands/tokens.ts',
    summary:
      'create --project <id|*> --scope read|respond|admin [--name n] [--expires 30d] | list [--project <id>] | revoke <tokenId>  [--json]',
  },
  users: {
    script: 'packages/cli/src/commands/users.ts',
    summary: 'add <email> [--name n] [--oidc] | list | remove <userId|email>  [--json]',
  },
  members: {
    script: 'packages/cli/src/commands/members.ts',
    summary:
      'add (--user u | --team t) --role r | list | remove (--user u | --team t)  --project <id> [--json]',
  },
  audit: {
    script: 'packages/cli/src/commands/audit.ts',
    summary: 'list [--project <id>] [--action a] [--actor id] [--since 7d] [--limit n]  [--json]',
  },
  'local-env': {
    script: 'packages/cli/src/commands/local-env.ts',
    summary: '(KEY=value lines of the local stack: eval "$(pnpm -s faultline local-env)")',
  },
  investigate: {
    script: 'packages/cli/src/commands/investigate.ts',
    summary: '--project <id> (--event <eventId> | --group <groupId>) [--json]',
  },
};

const [group, ...rest] = process.argv.slice(2);
const command = group ? GROUPS[group] : undefined;
if (!command) {
  console.error('usage: faultline <command> [args]\n');
  for (const [name, { summary }] of Object.entries(GROUPS)) console.error(`  ${name} ${summary}`);
  process.exit(2);
}
const script = new URL(command.script, repoRoot);
process.argv = [process.argv[0] ?? process.execPath, fileURLToPath(script), ...rest];
await import(script.href);
