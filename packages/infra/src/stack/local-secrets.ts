import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '@faultline/access';

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
  ownerToken: () => newToken().secret,
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
