/**
 * Builds what a service image runs: one ESM file per service (workspace packages and npm
 * dependencies inlined) plus the files it reads at run time, laid out as in the image:
 *
 *   <out>/dist/<service>/main.mjs (+ .map)   the entry the Dockerfile starts
 *   <out>/migrations/                        metrics: `new URL('../../migrations', import.meta.url)`
 *   <out>/dist/web/                          metrics: the dashboard page, `../../dist/web` from its module
 *
 * Usage: `tsx deploy/docker/bundle.ts <service> <out>` (the Dockerfiles' build stage runs this).
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAULTLINE_SERVICES } from '../../packages/infra/src/stack/faultline-services.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the bundle sits under the image's /app; services/metrics resolves its migrations two folders up from it. */
export const bundlePath = (service: string) => `dist/${service}/main.mjs`;

export interface RuntimeAsset {
  /** Repository path. */
  from: string;
  /** Path under the image's /app. */
  to: string;
  /** Built by a step that may not exist yet (the dashboard page); skipped when absent. */
  optional?: boolean;
}

/** Files a service reads from disk at run time, resolved from its module's URL. */
export const RUNTIME_ASSETS: Readonly<Record<string, readonly RuntimeAsset[]>> = {
  metrics: [
    { from: 'services/metrics/migrations', to: 'migrations' },
    { from: 'services/metrics/dist/web', to: 'dist/web', optional: true },
  ],
};

/**
 * Kept out of the bundle: chdb backs only the embedded ClickHouse server (never started in an
 * image, which talks to a ClickHouse server) and is loaded lazily, so it is never required.
 */
export const EXTERNAL = ['chdb'];

// Bundled CommonJS (kafkajs, ioredis, nodemailer...) calls require() and reads __dirname.
const BANNER = [
  "import { createRequire as __flCreateRequire } from 'node:module';",
  "import { fileURLToPath as __flFileURLToPath } from 'node:url';",
  'const require = __flCreateRequire(import.meta.url);',
  'const __filename = __flFileURLToPath(import.meta.url);',
  "const __dirname = __flFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{ warnings: unknown[] }>;
}

/** tsx's own esbuild: the bundle is transformed exactly as tsx runs the sources in development. */
function loadEsbuild(): EsbuildApi {
  const fromRoot = createRequire(path.join(REPO_ROOT, 'package.json'));
  return createRequire(fromRoot.resolve('tsx/package.json'))('esbuild') as EsbuildApi;
}

export function serviceEntry(service: string): string {
  const spec = FAULTLINE_SERVICES.find((s) => s.name === service);
  if (!spec) {
    const known = FAULTLINE_SERVICES.map((s) => s.name).join(', ');
    throw new Error(`unknown service ${JSON.stringify(service)} (one of ${known})`);
  }
  return spec.entry;
}

export async function bundleService(service: string, outDir: string): Promise<string> {
  const entry = serviceEntry(service);
  const outfile = path.join(outDir, bundlePath(service));
  rmSync(path.dirname(outfile), { recursive: true, force: true });
  await loadEsbuild().build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    external: EXTERNAL,
    banner: { js: BANNER },
    logLevel: 'warning',
  });
  for (const { from, to, optional } of RUNTIME_ASSETS[service] ?? []) {
    const source = path.join(REPO_ROOT, from);
    if (optional && !existsSync(source)) continue;
    const target = path.join(outDir, to);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
  }
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [service, outDir] = process.argv.slice(2);
  if (!service || !outDir) {
    console.error('usage: tsx deploy/docker/bundle.ts <service> <out dir>');
    process.exit(2);
  }
  const outfile = await bundleService(service, path.resolve(outDir));
  console.log(`bundled ${service} -> ${outfile}`);
}
