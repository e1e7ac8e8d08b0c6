import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, findServiceImports } from '../../scripts/check-boundaries.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repoRoot, 'scripts/check-boundaries.ts');
const trees: string[] = [];
afterAll(() => {
  for (const tree of trees) rmSync(tree, { recursive: true, force: true });
});

/** A repository of two services (alpha, beta) and a package, plus the given files. */
function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fl-boundaries-'));
  trees.push(root);
  const base: Record<string, string> = {
    'services/alpha/package.json': '{ "name": "@faultline/alpha" }',
    'services/beta/package.json': '{ "name": "@faultline/beta" }',
    'packages/shared/package.json': '{ "name": "@faultline/shared" }',
    'services/alpha/src/main.ts':
      "import { helper } from '@faultline/shared';\nimport { local } from './local.js';\n",
    'services/alpha/src/local.ts': 'export const local = 1;\n',
    'services/beta/src/main.ts': "import type { Logger } from 'pino';\n",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function runChecker(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, root], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

// Each case starts the checker through tsx as `pnpm lint` does: seconds on a loaded machine.
describe('check-boundaries (no service imports another)', { timeout: 60_000 }, () => {
  it('passes on a clean tree: packages and files of its own service only', () => {
    const root = fixtureTree({});
    expect(findServiceImports(root)).toEqual([]);
    const { status, output } = runChecker(root);
    expect(status).toBe(0);
    expect(output).toBe('');
  });

  it.each([
    {
      id: 'a service package',
      file: 'services/alpha/src/grouping.ts',
      text: "// a comment naming '@faultline/beta' is fine\nimport { normalize } from '@faultline/beta';\n",
      line: 2,
      specifier: '@faultline/beta',
    },
    {
      id: 'a file inside a service package',
      file: 'services/alpha/test/x.test.ts',
      text: "export { thing } from '@faultline/beta/src/thing.js';\n",
      line: 1,
      specifier: '@faultline/beta/src/thing.js',
    },
    {
      id: 'a relative path into another service',
      file: 'services/alpha/src/deep/y.ts',
      text: "const lazy = () => import('../../../beta/src/main.js');\n",
      line: 1,
      specifier: '../../../beta/src/main.js',
    },
  ])('fails on $id, naming the file, line and import', ({ file, text, line, specifier }) => {
    const root = fixtureTree({ [file]: text });
    expect(findServiceImports(root)).toEqual([{ file, line, specifier, service: 'beta' }]);
    const { status, output } = runChecker(root);
    expect(status).toBe(1);
    expect(output).toContain(`cross-service import: ${file}:${line} imports '${specifier}' (service beta)`);
    expect(output).toContain('move the shared code into a package under packages/');
  });

  it('passes on the repository', () => {
    const found = findServiceImports(repoRoot);
    expect(found).toEqual([]);
    expect(checkBoundaries(repoRoot, () => {})).toBe(0);
  });
});
