/**
 * `pnpm faultline <group> ...`: one entry point for the commands each service owns. Each group runs
 * as its own process so its connections and exit code stay its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const GROUPS: Record<string, { script: string; summary: string }> = {
  projects: {
    script: 'services/ingest/src/cli/projects.ts',
    summary: 'create <name> | list | revoke <projectId> | add-key <projectId>  [--json]',
  },
  tickets: {
    script: 'services/metrics/src/cli/tickets.ts',
    summary:
      'list | show <id> | create | step <id> | assign <id> <team> | resolve <id> | reopen <id>  --project <id> [--json]',
  },
  investigate: {
    script: 'services/metrics/src/cli/investigate.ts',
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
const result = spawnSync(process.execPath, ['--import', 'tsx', repoRoot + command.script, ...rest], {
  stdio: 'inherit',
  cwd: repoRoot,
});
process.exit(result.status ?? 1);
