import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  /** Ingest's /admin API. */
  adminToken: string;
  /** The alerter's /api/v1. */
  alerterToken: string;
  /** The owner's API token (`flt_...`): the metrics service stores its hash on first start; the CLI sends it. */
  ownerToken: string;
  /** Signs dashboard session cookies (the metrics service's `auth.sessionSecret`). */
  sessionSecret: string;
}

const MAKE: Record<keyof LocalSecrets, () => string> = {
  adminToken: () => randomBytes(24).toString('hex'),
  alerterToken: () => randomBytes(24).toString('hex'),
  // @faultline/access's token shape (`flt_<alphanumeric id>_<32 random bytes base64url>`), made here
  // because access depends on kafka, whose tests depend on this package.
  ownerToken: () => `flt_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`,
  sessionSecret: () => randomBytes(32).toString('base64url'),
};

/**
 * Tokens for the local stack, made once and kept under FAULTLINE_HOME (outside git, mode 600).
 * A file from an older version gets the secrets it lacks; the ones it has never change.
 */
export function localSecrets(home: string): LocalSecrets {
  const path = join(home, 'local-secrets.json');
  const kept = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  const missing = (Object.keys(MAKE) as (keyof LocalSecrets)[]).filter(
    (key) => typeof kept[key] !== 'string' || kept[key] === '',
  );
  if (missing.length === 0) return kept as unknown as LocalSecrets;
  const secrets = { ...kept, ...Object.fromEntries(missing.map((key) => [key, MAKE[key]()])) };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets as unknown as LocalSecrets;
}
