const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface SemVer {
  core: [number, number, number];
  prerelease: string[];
}

export function parseSemver(release: string): SemVer | undefined {
  const match = SEMVER.exec(release.trim());
  if (!match) return undefined;
  const [, major, minor, patch, pre] = match;
  return { core: [Number(major), Number(minor), Number(patch)], prerelease: pre ? pre.split('.') : [] };
}

/** semver.org precedence: core numbers, then a release above its prereleases, then identifier by identifier. */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a.core[i] ?? 0) - (b.core[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Math.sign(Number(x) - Number(y));
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Is `candidate` a later release than `resolvedIn`? Semantic versions compare by precedence;
 * anything else (build numbers, git shas) cannot be ordered, so any different release counts as newer.
 */
export function isNewerRelease(candidate: string, resolvedIn: string): boolean {
  const a = parseSemver(candidate);
  const b = parseSemver(resolvedIn);
  if (a && b) return compareSemver(a, b) > 0;
  return candidate !== resolvedIn;
}
