/** The alerter's HTTP API (services/alerter/README.md). */
import type {
  AlertCommandAccepted,
  AlertList,
  AlertView,
  Silence,
  SilenceList,
} from '@faultline/api-contracts';
import type { HttpClient } from './http-client.js';

/** The alerter's answers, from its response schemas. */
export type { AlertView } from '@faultline/api-contracts';
/** A silence as created or ended (`active` is in lists only). */
export type SilenceView = Silence & { active?: boolean };

export interface AlerterClient {
  listAlerts(query: { status?: string; severity?: string; limit?: number }): Promise<AlertView[]>;
  getAlert(id: string): Promise<AlertView>;
  command(id: string, action: 'acknowledge' | 'resolve', reason?: string): Promise<AlertCommandAccepted>;
  listSilences(): Promise<SilenceView[]>;
  createSilence(
    body: Omit<SilenceView, 'id' | 'active' | 'startsAt' | 'createdBy'> & { startsAt?: string },
  ): Promise<SilenceView>;
  expireSilence(id: string): Promise<SilenceView>;
}

export function alerterClient(http: HttpClient): AlerterClient {
  const id = encodeURIComponent;
  return {
    async listAlerts({ status, severity, limit }) {
      return (await http.get<AlertList>('/api/v1/alerts', { status, severity, limit })).alerts;
    },
    getAlert: (alertId) => http.get(`/api/v1/alerts/${id(alertId)}`),
    // The actor is the token's owner: the alerter takes it from the credential.
    command: (alertId, action, reason) =>
      http.post(`/api/v1/alerts/${id(alertId)}/${action}`, reason ? { reason } : {}),
    async listSilences() {
      return (await http.get<SilenceList>('/api/v1/silences')).silences;
    },
    createSilence: (body) => http.post('/api/v1/silences', body),
    expireSilence: (silenceId) => http.delete(`/api/v1/silences/${id(silenceId)}`),
  };
}
