import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `pnpm --filter @faultline/metrics build:web` writes the page: services/metrics/dist/web. */
export const DEFAULT_WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export function isBuilt(webRoot: string): boolean {
  return existsSync(join(webRoot, 'index.html'));
}
