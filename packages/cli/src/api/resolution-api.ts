/** Where the resolution service's API is (tickets, investigation): FAULTLINE_RESOLUTION_URL, else its local port. */
import { DEFAULT_PORTS } from '@faultline/config';

export function resolutionUrl(env: NodeJS.ProcessEnv): string {
  return (env.FAULTLINE_RESOLUTION_URL || `http://127.0.0.1:${DEFAULT_PORTS.resolution}`).replace(/\/$/, '');
}

/** `/api/v1/projects/<id>` on the resolution API. */
export function projectUrl(env: NodeJS.ProcessEnv, projectId: string): string {
  return `${resolutionUrl(env)}/api/v1/projects/${encodeURIComponent(projectId)}`;
}
