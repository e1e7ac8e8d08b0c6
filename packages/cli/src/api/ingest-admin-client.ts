/** Ingest's admin API (`/admin/projects`, services/ingest/README.md), behind the admin token. */
import type { HttpClient } from './http-client.js';

export interface ProjectView {
  id: string;
  name: string;
  allowedOrigins: string[];
  rateLimit?: { ratePerSecond: number; burst: number };
  createdAt: string;
  /** Fingerprints only: a key is shown once, when it is made. */
  keys: { fingerprint: string; createdAt: string; revokedAt?: string }[];
}

export interface NewProject {
  name: string;
  allowedOrigins?: string[];
  rateLimit?: { ratePerSecond: number; burst: number };
}

export interface NewKey {
  publicKey: string;
  dsn: string;
}

export interface IngestAdminClient {
  createProject(project: NewProject): Promise<ProjectView & NewKey>;
  listProjects(): Promise<ProjectView[]>;
  /** How many keys were revoked. */
  revokeKeys(projectId: string): Promise<number>;
  addKey(projectId: string): Promise<NewKey>;
}

export function ingestAdminClient(http: HttpClient): IngestAdminClient {
  const id = encodeURIComponent;
  return {
    createProject: (project) => http.post('/admin/projects', project),
    async listProjects() {
      return (await http.get<{ projects: ProjectView[] }>('/admin/projects')).projects;
    },
    async revokeKeys(projectId) {
      return (await http.post<{ revoked: number }>(`/admin/projects/${id(projectId)}/revoke`)).revoked;
    },
    addKey: (projectId) => http.post(`/admin/projects/${id(projectId)}/keys`),
  };
}
