/**
 * No service imports another service (issue 19): shared code lives in a package under
 * packages/. Fails when a file under services/<a>/ imports `@faultline/<b>` where b is a
 * service, or a path into services/<b>/. Biome cannot express this, so `pnpm lint` runs this
 * after it.
 *
 * Usage: `tsx scripts/check-boundaries.ts [repository root]`; exit code 1 on a violation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Violation {
  /** Relative to the root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  /** The service imported. */
  service: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

interface ServiceDir {
  /** The folder under services/. */
  dir: string;
  packageName: string;
}

function services(root: string): ServiceDir[] {
  const servicesDir = path.join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const manifest = path.join(servicesDir, entry.name, 'package.json');
      const name = existsSync(manifest)
        ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
        : undefined;
      return { dir: entry.name, packageName: name ?? `@faultline/${entry.name}` };
    });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** `@faultline/categorizer/src/x.js` -> `@faultline/categorizer`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every cross-service import under `root`/services, exceptions included. */
export function findServiceImports(root: string): Violation[] {
  const all = services(root);
  const byPackage = new Map(all.map((service) => [service.packageName, service.dir]));
  const violations: Violation[] = [];
  for (const own of all) {
    for (const file of sourceFiles(path.join(root, 'services', own.dir))) {
      const text = readFileSync(file, 'utf8');
      // TypeScript's own scanner: static, dynamic and type imports, re-exports and require(); not comments.
      const { importedFiles } = ts.preProcessFile(text, true, true);
      for (const { fileName: specifier, pos } of importedFiles) {
        let target: string | undefined;
        if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
          const resolved = path.relative(
            path.join(root, 'services'),
            path.resolve(path.dirname(file), specifier),
          );
          const [first] = resolved.split(path.sep);
          if (!resolved.startsWith('..') && first && first !== own.dir && all.some((s) => s.dir === first))
            target = first;
        } else {
          const dir = byPackage.get(packageOf(specifier));
          if (dir && dir !== own.dir) target = dir;
        }
        if (target === undefined) continue;
        violations.push({
          file: path.relative(root, file).split(path.sep).join('/'),
          line: text.slice(0, pos).split('\n').length,
          specifier,
          service: target,
        });
      }
    }
  }
  return violations;
}

export function describeViolation(violation: Violation): string {
  return `${violation.file}:${violation.line} imports '${violation.specifier}' (service ${violation.service})`;
}

/** Prints what it found; returns the exit code. */
export function checkBoundaries(root: string, log: (line: string) => void = console.error): number {
  const found = findServiceImports(root);
  if (found.length === 0) return 0;
  for (const violation of found) log(`cross-service import: ${describeViolation(violation)}`);
  log(
    `${found.length} cross-service import(s): a service must not import another service; ` +
      'move the shared code into a package under packages/.',
  );
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  process.exitCode = checkBoundaries(root);
}
