/**
 * Where each service answers and with which token, found the way `pnpm start` leaves them:
 * `FAULTLINE_<NAME>_URL` else the local port; a token from its variable else
 * `<FAULTLINE_HOME>/local-secrets.json`. `FAULTLINE_HTTP_TIMEOUT_MS` sets every request's timeout.
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

/** Each token: its variable (as the service reads it) and its key in local-secrets.json. */
const TOKENS = {
  admin: { variable: 'FAULTLINE_ADMIN_TOKEN', secret: 'adminToken', what: "ingest's admin" },
  alerter: { variable: 'FAULTLINE_ALERTER_TOKEN', secret: 'alerterToken', what: 'alerter' },
  /** An API token of the access model (users, roles); locally the owner's, made by `pnpm start`. */
  api: { variable: 'FAULTLINE_TOKEN', secret: 'ownerToken', what: 'API' },
} as const;

export function localToken(env: NodeJS.ProcessEnv, which: keyof typeof TOKENS): string {
  const { variable, secret, what } = TOKENS[which];
  const fromEnv = env[variable];
  if (fromEnv) return fromEnv;
  const file = join(resolveConfig({ env }).home, 'local-secrets.json');
  try {
    const token = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[secret];
    if (typeof token === 'string' && token) return token;
  } catch {
    // no file: the message below says what to do
  }
  throw new CliError(
    'FL_CLI_NO_TOKEN',
    `no ${what} token: set ${variable} or run pnpm start (writes ${file})`,
  );
}

export function requestTimeoutMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FAULTLINE_HTTP_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/** The client for one service, each part overridable (a command's `--url`). */
export function serviceClient(
  name: ServiceName,
  env: NodeJS.ProcessEnv,
  overrides: { url?: string; token?: string; timeoutMs?: number } = {},
): HttpClient {
  return httpClient({
    service: name,
    baseUrl: overrides.url ?? serviceUrl(name, env),
    token: overrides.token,
    timeoutMs: overrides.timeoutMs ?? requestTimeoutMs(env),
  });
}
