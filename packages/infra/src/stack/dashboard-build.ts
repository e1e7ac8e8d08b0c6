import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BUNDLE = 'services/metrics/dist/web/index.html';

/** The dashboard page is a Vite bundle kept out of git; the first `pnpm start` builds it. */
export function ensureDashboardBuilt(repoRoot: string, log: (line: string) => void): void {
  if (existsSync(join(repoRoot, BUNDLE))) return;
  log('building the dashboard page (first start only)...');
  const result = spawnSync('pnpm', ['--filter', '@faultline/metrics', 'build:web'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0)
    log(
      'dashboard build failed: /dashboard/ will answer 503 until `pnpm --filter @faultline/metrics build:web` works',
    );
}
