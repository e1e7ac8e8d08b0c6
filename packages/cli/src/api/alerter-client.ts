/** The alerter's HTTP API (services/alerter/README.md), with its URL and token found like `pnpm start` leaves them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AlertCommandAccepted,
  AlertList,
  AlertView,
  Silence,
  SilenceList,
} from '@faultline/api-contracts';
import { DEFAULT_PORTS } from '@faultline/config';
import { resolveConfig } from '@faultline/infra';
import { CliHttpError, requestJson } from './http-json.js';

/** The alerter's answers, from its response schemas. */
export type { AlertView } from '@faultline/api-contracts';
/** A silence as created or ended (`active` is in lists only). */
export type SilenceView = Silence & { active?: boolean };

export interface AlerterClient {
  listAlerts(query: { status?: string; severity?: string; limit?: number }): Promise<AlertView[]>;
  getAlert(id: string): Promise<AlertView>;
  command(
    id: string,
    action: 'acknowledge' | 'resolve',
    actor: string,
    reason?: string,
  ): Promise<AlertCommandAccepted>;
  listSilences(): Promise<SilenceView[]>;
  createSilence(
    body: Omit<SilenceView, 'id' | 'active' | 'startsAt'> & { startsAt?: string },
  ): Promise<SilenceView>;
  expireSilence(id: string): Promise<SilenceView>;
}

/** FAULTLINE_ALERTER_TOKEN, else the token `pnpm start` wrote to <FAULTLINE_HOME>/local-secrets.json. */
export function alerterToken(env: NodeJS.ProcessEnv): string {
  if (env.FAULTLINE_ALERTER_TOKEN) return env.FAULTLINE_ALERTER_TOKEN;
  const file = join(resolveConfig({ env }).home, 'local-secrets.json');
  try {
    const token = (JSON.parse(readFileSync(file, 'utf8')) as { alerterToken?: string }).alerterToken;
    if (token) return token;
  } catch {
    // no file: the message below says what to do
  }
  throw new CliHttpError(
    'FL_CLI_NO_TOKEN',
    `no alerter token: set FAULTLINE_ALERTER_TOKEN or run pnpm start (writes ${file})`,
  );
}

export function alerterUrl(env: NodeJS.ProcessEnv): string {
  return env.FAULTLINE_ALERTER_URL || `http://127.0.0.1:${DEFAULT_PORTS.alerter}`;
}

export function alerterClient(baseUrl: string, token: string): AlerterClient {
  const url = (path: string) => new URL(path, baseUrl).toString();
  const id = encodeURIComponent;
  return {
    async listAlerts({ status, severity, limit }) {
      const query = new URLSearchParams();
      if (status) query.set('status', status);
      if (severity) query.set('severity', severity);
      if (limit) query.set('limit', String(limit));
      return (await requestJson<AlertList>(url(`/api/v1/alerts?${query}`), { token })).alerts;
    },
    getAlert: (alertId) => requestJson(url(`/api/v1/alerts/${id(alertId)}`), { token }),
    command: (alertId, action, actor, reason) =>
      requestJson(url(`/api/v1/alerts/${id(alertId)}/${action}`), {
        method: 'POST',
        token,
        body: { actor, ...(reason ? { reason } : {}) },
      }),
    async listSilences() {
      return (await requestJson<SilenceList>(url('/api/v1/silences'), { token })).silences;
    },
    createSilence: (body) => requestJson(url('/api/v1/silences'), { method: 'POST', token, body }),
    expireSilence: (silenceId) =>
      requestJson(url(`/api/v1/silences/${id(silenceId)}`), { method: 'DELETE', token }),
  };
}
