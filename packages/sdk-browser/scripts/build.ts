/**
 * Bundles the browser SDK with esbuild: `dist/faultline.min.js` (IIFE, global `Faultline`,
 * for a script tag) and `dist/faultline.esm.js`. `bundleSizes` measures what an app pays for
 * each entry after tree-shaking, minified and gzipped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundle(input: {
  /** Module source to bundle, resolved from the package root... */
  contents?: string;
  /** ...or a file to bundle (an app entry with side effects, which `sideEffects: false` would drop if imported). */
  entryFile?: string;
  format: 'iife' | 'esm';
  globalName?: string;
  minify?: boolean;
  external?: string[];
}): Promise<string> {
  const result = await build({
    ...(input.entryFile
      ? { entryPoints: [input.entryFile] }
      : {
          stdin: {
            contents: input.contents ?? '',
            resolveDir: packageRoot,
            loader: 'ts' as const,
            sourcefile: 'entry.ts',
          },
        }),
    bundle: true,
    write: false,
    format: input.format,
    globalName: input.globalName,
    minify: input.minify ?? true,
    target: ['es2020'],
    platform: 'browser',
    external: input.external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface BundleSize {
  name: string;
  bytes: number;
  gzipBytes: number;
}

const ENTRIES: Array<{ name: string; contents: string }> = [
  { name: 'full (every export)', contents: "export * from './src/index.ts';" },
  { name: 'init only', contents: "export { init } from './src/index.ts';" },
  {
    name: 'client + global handlers',
    contents: "export { createBrowserClient, installGlobalHandlers } from './src/index.ts';",
  },
  {
    name: 'react ErrorBoundary (react external)',
    contents: "export { ErrorBoundary } from './src/react/index.ts';",
  },
];

export async function bundleSizes(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const entry of ENTRIES) {
    const code = await bundle({ contents: entry.contents, format: 'esm', external: ['react'] });
    sizes.push({
      name: entry.name,
      bytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
    });
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(packageRoot, 'dist');
  mkdirSync(out, { recursive: true });
  const iife = await bundle({
    contents: "export * from './src/index.ts';",
    format: 'iife',
    globalName: 'Faultline',
  });
  const esm = await bundle({ contents: "export * from './src/index.ts';", format: 'esm' });
  writeFileSync(join(out, 'faultline.min.js'), iife);
  writeFileSync(join(out, 'faultline.esm.js'), esm);
  for (const size of await bundleSizes())
    console.log(`${size.name}: ${size.bytes} B, ${size.gzipBytes} B gzipped`);
}
