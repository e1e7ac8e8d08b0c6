/**
 * `faultline <group> ...` (`pnpm faultline`, or the `faultline` bin): one entry point for the commands
 * each service owns. Each group runs as its own process so its connections and exit code stay its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// Resolved from here, so the bin works from any working directory (relative paths stay the user's).
const tsxLoader = import.meta.resolve('tsx');

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
    script: 'services/ingest/src/cli/projects.ts',
    summary: 'create <name> | list | revoke <projectId> | add-key <projectId>  [--json]',
  },
  tickets: {
    script: 'packages/cli/src/commands/tickets.ts',
    summary:
      'list | show <id> | create | step <id> | assign <id> <team> | resolve <id> | reopen <id>  --project <id> [--json]',
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
const result = spawnSync(process.execPath, ['--import', tsxLoader, repoRoot + command.script, ...rest], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
