import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoProject {
  id: string;
  dsn: string;
  publicKey: string;
}

const PROJECTS_CLI = 'services/ingest/src/cli/projects.ts';

/**
 * The `demo` project and a key for it. A key is shown only when made, so the first one is kept
 * under FAULTLINE_HOME and reused while its project exists.
 */
export function ensureDemoProject(repoRoot: string, home: string, env: NodeJS.ProcessEnv): DemoProject {
  const path = join(home, 'demo-project.json');
  const projects = runProjectsCli(repoRoot, env, ['list']) as { projects: { id: string }[] };
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as DemoProject;
    if (projects.projects.some((p) => p.id === saved.id)) return saved;
  }
  const created = runProjectsCli(repoRoot, env, ['create', 'demo']) as DemoProject;
  const demo = { id: created.id, dsn: created.dsn, publicKey: created.publicKey };
  writeFileSync(path, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

function runProjectsCli(repoRoot: string, env: NodeJS.ProcessEnv, args: string[]): unknown {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, PROJECTS_CLI), ...args, '--json'],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`projects ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout);
}
