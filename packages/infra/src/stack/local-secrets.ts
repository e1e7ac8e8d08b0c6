import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  /** The embedded ClickHouse's `default` user. */
  clickhousePassword: string;
  /** The owner's API token (`flt_...`): the metrics service stores its hash on first start; the CLI and `pnpm start` send it to every service. */
  ownerToken: string;
  /** Signs dashboard session cookies (every HTTP service's `auth.sessionSecret`). */
  sessionSecret: string;
}

const token = () => randomBytes(24).toString('hex');

/** How each secret is made. */
const MAKE: Record<keyof LocalSecrets, () => string> = {
  clickhousePassword: token,
  // @faultline/access's token shape (`flt_<alphanumeric id>_<32 random bytes base64url>`), made here
  // because access depends on kafka, whose tests depend on this package.
  ownerToken: () => `flt_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`,
  sessionSecret: () => randomBytes(32).toString('base64url'),
};
const KEYS = Object.keys(MAKE) as (keyof LocalSecrets)[];

export const localSecretsPath = (home: string): string => join(home, 'local-secrets.json');

/**
 * Secrets for the local stack, made once and kept under FAULTLINE_HOME (outside git, mode 600).
 * A file from an older version gets the secrets it lacks; the ones it has never change.
 */
export function localSecrets(home: string): LocalSecrets {
  const path = localSecretsPath(home);
  const kept = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  const missing = KEYS.filter((key) => typeof kept[key] !== 'string' || kept[key] === '');
  if (missing.length === 0) return kept as unknown as LocalSecrets;
  const secrets = { ...kept, ...Object.fromEntries(missing.map((key) => [key, MAKE[key]()])) };
  mkdirSync(home, { recursive: true });
  // Written aside and renamed, so a reader never sees half a file.
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
  return secrets as unknown as LocalSecrets;
}
