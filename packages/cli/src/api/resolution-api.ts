/** The resolution service's API (tickets, investigation): FAULTLINE_RESOLUTION_URL, else its local port. */
import type { HttpClient } from './http-client.js';
import { serviceClient } from './service-endpoints.js';

export function resolutionApi(env: NodeJS.ProcessEnv): HttpClient {
  return serviceClient('resolution', env);
}

/** `/api/v1/projects/<id>` on the resolution API. */
export function projectPath(projectId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}`;
}
