import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  /** Ingest's /admin API. */
  adminToken: string;
  /** The alerter's /api/v1. */
  alerterToken: string;
}

/** Tokens for the local stack, made once and kept under FAULTLINE_HOME (outside git, mode 600). */
export function localSecrets(home: string): LocalSecrets {
  const path = join(home, 'local-secrets.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets;
  const secrets = { adminToken: token(), alerterToken: token() };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const token = () => randomBytes(24).toString('hex');
