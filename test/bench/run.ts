/**
 * `pnpm bench <name>` runs test/bench/<name>.ts. Each benchmark prints its figures and, as
 * its last line, one JSON object with them.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: pnpm bench <name>   (one of: ${available.join(', ')})`);
  process.exit(2);
}
await import(pathToFileURL(`${here}/${name}.ts`).href);
