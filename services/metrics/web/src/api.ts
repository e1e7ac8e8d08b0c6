import type { DashboardConfig, ErrorEnvelope } from '@faultline/api-contracts';
import type {
  ActiveAlerts,
  ErrorRate,
  GroupEventsPage,
  GroupPage,
  Investigation,
  ProjectList,
  TicketList,
  Top,
  Trends,
} from './types.js';

/**
 * Thin fetch wrappers over the metrics service (same origin) and, for a group's ticket and
 * investigation, the resolution service (its URL from metrics' /api/v1/dashboard/config).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  // The session cookie also goes to the resolution API (another origin of the same site).
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'include' });
  return answer<T>(response);
}

async function answer<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => ({}))) as Partial<ErrorEnvelope>;
  throw new ApiError(response.status, body.error ?? 'HTTP_ERROR', body.message ?? response.statusText);
}

const project = (id: string) => `/api/v1/projects/${encodeURIComponent(id)}`;

let resolutionBase: Promise<string> | undefined;
/** The resolution API's origin, asked once; a failed answer is asked again next time. */
function resolution(): Promise<string> {
  resolutionBase ??= getJson<DashboardConfig>('/api/v1/dashboard/config').then(
    (config) => config.resolutionUrl,
    (error: unknown) => {
      resolutionBase = undefined;
      throw error;
    },
  );
  return resolutionBase;
}

export const api = {
  projects: () => getJson<ProjectList>('/api/v1/projects'),
  activeAlerts: (id: string) => getJson<ActiveAlerts>(`${project(id)}/alerts/active`),
  errorRate: (id: string, from: string, to: string) =>
    getJson<ErrorRate>(`${project(id)}/error-rate`, { from, to }),
  trends: (id: string, from: string, to: string, buckets: number) =>
    getJson<Trends>(`${project(id)}/trends`, { from, to, buckets }),
  top: (id: string, dimension: 'component' | 'category' | 'severity', limit = 8) =>
    getJson<Top>(`${project(id)}/top/${dimension}`, { limit }),
  groups: (id: string, filters: Record<string, string | number | undefined>) =>
    getJson<GroupPage>(`${project(id)}/groups`, filters),
  groupEvents: (id: string, groupId: string, limit = 20) =>
    getJson<GroupEventsPage>(`${project(id)}/groups/${encodeURIComponent(groupId)}/events`, { limit }),
  tickets: async (id: string, limit: number) =>
    getJson<TicketList>(`${await resolution()}${project(id)}/tickets`, { limit }),
  investigation: async (id: string, groupId: string) =>
    getJson<Investigation>(`${await resolution()}${project(id)}/investigation`, { groupId }),
  async command(
    id: string,
    alertId: string,
    action: 'acknowledge' | 'resolve',
    actor: string,
  ): Promise<void> {
    const response = await fetch(`${project(id)}/alerts/${encodeURIComponent(alertId)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ actor }),
    });
    await answer(response);
  },
};
