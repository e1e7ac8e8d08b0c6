/**
 * Where each service answers and with which token, found the way `pnpm start` leaves them:
 * `FAULTLINE_<NAME>_URL` else the local port; one API token for every service, `FAULTLINE_TOKEN`
 * else the owner token in `<FAULTLINE_HOME>/local-secrets.json`. `FAULTLINE_HTTP_TIMEOUT_MS` sets
 * every request's timeout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PORTS } from '@faultline/config';
import { resolveConfig } from '@faultline/infra';
import { CliError } from '../cli-error.js';
import { DEFAULT_TIMEOUT_MS, type HttpClient, httpClient } from './http-client.js';

/** Every Faultline service with a port of its own (not the infrastructure's). */
export type ServiceName = Exclude<keyof typeof DEFAULT_PORTS, 'clickhouse' | 'kafka' | 'redis'>;

export function serviceUrl(name: ServiceName, env: NodeJS.ProcessEnv): string {
  return env[`FAULTLINE_${name.toUpperCase()}_URL`] || `http://127.0.0.1:${DEFAULT_PORTS[name]}`;
}

/**
 * The API token every service takes (@faultline/access: its scope and projects decide what it
 * may do): `FAULTLINE_TOKEN`, else the local owner token `pnpm start` made; undefined when neither.
 */
export function findToken(env: NodeJS.ProcessEnv): string | undefined {
  if (env.FAULTLINE_TOKEN) return env.FAULTLINE_TOKEN;
  try {
    const token = (JSON.parse(readFileSync(secretsFile(env), 'utf8')) as Record<string, unknown>).ownerToken;
    if (typeof token === 'string' && token) return token;
  } catch {
    // no file: no token
  }
  return undefined;
}

/** The API token, or a clear error saying where it is looked for. */
export function localToken(env: NodeJS.ProcessEnv): string {
  const token = findToken(env);
  if (token) return token;
  throw new CliError(
    'FL_CLI_NO_TOKEN',
    `no API token: set FAULTLINE_TOKEN or run pnpm start (writes ${secretsFile(env)})`,
  );
}

const secretsFile = (env: NodeJS.ProcessEnv) => join(resolveConfig({ env }).home, 'local-secrets.json');

export function requestTimeoutMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FAULTLINE_HTTP_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/** The client for one service, each part overridable (a command's `--url`); the token found, if any. */
export function serviceClient(
  name: ServiceName,
  env: NodeJS.ProcessEnv,
  overrides: { url?: string; token?: string; timeoutMs?: number } = {},
): HttpClient {
  return httpClient({
    service: name,
    baseUrl: overrides.url ?? serviceUrl(name, env),
    token: overrides.token ?? findToken(env),
    timeoutMs: overrides.timeoutMs ?? requestTimeoutMs(env),
  });
}
