import type { StackFrame } from '@faultline/contracts';
import { isVolatileNamePart, isVolatileSegment } from './volatile.js';

/** Folders where a package manager installs libraries: what follows is the package's own path. */
const PACKAGE_ROOTS = ['node_modules', 'site-packages', 'dist-packages'];
/**
 * Conventional source roots. An absolute path is cut at the last one, because what lies
 * above it (/srv/app/releases/42, /home/ci/work) differs between machines and deploys.
 */
const SOURCE_ROOTS = new Set(['src', 'lib', 'app', 'dist', 'build', 'out', 'static', 'assets', '_next']);
const ANONYMOUS = new Set(['', '?', '<anonymous>', 'anonymous', '<unknown>']);

/**
 * The same files and modules appear in event after event, so their normalized forms are
 * remembered; the memory is dropped whole when full, which is simpler than LRU and as good
 * for a working set that fits.
 */
const MAX_REMEMBERED_LOCATIONS = 20_000;
const rememberedLocations = new Map<string, string>();

/**
 * A frame's identity for grouping: its module (or file name) with build and deploy noise
 * removed, and its function name. Line and column are left out: they move with every edit.
 */
export function normalizeFrame(frame: StackFrame): string {
  return `${normalizeLocation(frame) || '?'}:${normalizeFunction(frame.function)}`;
}

function normalizeLocation(frame: StackFrame): string {
  const raw = frame.module ? `m:${frame.module}` : `f:${frame.filename ?? frame.absPath ?? ''}`;
  let location = rememberedLocations.get(raw);
  if (location === undefined) {
    location = frame.module
      ? normalizeModule(frame.module)
      : normalizeFilename(frame.filename ?? frame.absPath ?? '');
    if (rememberedLocations.size >= MAX_REMEMBERED_LOCATIONS) rememberedLocations.clear();
    rememberedLocations.set(raw, location);
  }
  return location;
}

export function normalizeFunction(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  return ANONYMOUS.has(trimmed) ? '?' : trimmed;
}

/** Module names (`app.views.checkout`, `static/js/main.3f9a1c2b.chunk`) with volatile pieces dropped. */
export function normalizeModule(module: string): string {
  return module
    .split(/([./:])/)
    .filter((piece, i, pieces) => !isVolatilePiece(piece, pieces[i + 1]))
    .join('')
    .replace(/^[./:]+/, '');
}

/** Separators are kept only when the piece after them is kept. */
function isVolatilePiece(piece: string, next: string | undefined): boolean {
  if (piece === '.' || piece === '/' || piece === ':') return next !== undefined && isVolatileSegment(next);
  return isVolatileSegment(piece);
}

export function normalizeFilename(filename: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(filename)?.[1]?.toLowerCase();
  const path = filename
    .replace(/\\/g, '/')
    .replace(/[?#].*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  // URL paths (https://cdn/..., app:///...) are already relative to something stable: the origin.
  const absolute = (scheme === undefined || scheme === 'file') && /^(?:\/|[a-z]:\/)/i.test(path);
  let segments = path.split('/').filter((s) => s !== '' && s !== '.' && !/^[a-z]:$/i.test(s));

  const packageRoot = findLastIndex(segments, (s) => PACKAGE_ROOTS.includes(s));
  if (packageRoot >= 0) {
    segments = segments.slice(packageRoot + 1).map((s) => s.replace(/@[^@/]*\d[^@/]*$/, ''));
  } else if (absolute) {
    const sourceRoot = findLastIndex(segments, (s) => SOURCE_ROOTS.has(s));
    segments = sourceRoot >= 0 ? segments.slice(sourceRoot) : segments.slice(-1);
  }

  const basename = segments.pop() ?? '';
  return [...segments.filter((s) => !isVolatileSegment(s)), normalizeBasename(basename)].join('/');
}

/** `main.3f9a1c2b.chunk.js` -> `main.chunk.js`, `index-DiwrgTda.js` -> `index.js`, `404.js` stays. */
export function normalizeBasename(basename: string): string {
  const dot = basename.lastIndexOf('.');
  const stem = dot > 0 ? basename.slice(0, dot) : basename;
  const extension = dot > 0 ? basename.slice(dot) : '';
  const pieces = stem.split(/(?=[.-])/);
  const kept = pieces.filter((piece) => !isVolatileNamePart(piece.replace(/^[.-]/, '')));
  const first = kept[0] ?? pieces[0] ?? '';
  return [first.replace(/^[.-]/, ''), ...kept.slice(1)].join('') + extension;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
