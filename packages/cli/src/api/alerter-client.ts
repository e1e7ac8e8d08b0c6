/** The alerter's HTTP API (services/alerter/README.md). */
import type { HttpClient } from './http-client.js';

export interface AlertView {
  alertId: string;
  dedupKey: string;
  scope: { projectId: string; severity: string; component?: string; groupId?: string };
  severity: string;
  status: string;
  errorCount: number;
  affectedComponents: string[];
  message: string;
  stage: number;
  firedAt?: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  acknowledgedBy?: string;
  resolvedBy?: string;
}

export interface SilenceView {
  id: string;
  matchers: Record<string, string>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment?: string;
  active?: boolean;
}

export interface AlerterClient {
  listAlerts(query: { status?: string; severity?: string; limit?: number }): Promise<AlertView[]>;
  getAlert(id: string): Promise<AlertView>;
  command(
    id: string,
    action: 'acknowledge' | 'resolve',
    actor: string,
    reason?: string,
  ): Promise<{ commandId: string }>;
  listSilences(): Promise<SilenceView[]>;
  createSilence(
    body: Omit<SilenceView, 'id' | 'active' | 'startsAt'> & { startsAt?: string },
  ): Promise<SilenceView>;
  expireSilence(id: string): Promise<SilenceView>;
}

export function alerterClient(http: HttpClient): AlerterClient {
  const id = encodeURIComponent;
  return {
    async listAlerts({ status, severity, limit }) {
      return (await http.get<{ alerts: AlertView[] }>('/api/v1/alerts', { status, severity, limit })).alerts;
    },
    getAlert: (alertId) => http.get(`/api/v1/alerts/${id(alertId)}`),
    command: (alertId, action, actor, reason) =>
      http.post(`/api/v1/alerts/${id(alertId)}/${action}`, { actor, ...(reason ? { reason } : {}) }),
    async listSilences() {
      return (await http.get<{ silences: SilenceView[] }>('/api/v1/silences')).silences;
    },
    createSilence: (body) => http.post('/api/v1/silences', body),
    expireSilence: (silenceId) => http.delete(`/api/v1/silences/${id(silenceId)}`),
  };
}
