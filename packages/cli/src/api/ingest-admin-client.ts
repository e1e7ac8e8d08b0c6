/** Ingest's admin API (`/admin/projects`, services/ingest/README.md), behind the admin token. */
import type {
  CreatedProject,
  IssuedKey,
  ProjectView,
  ProjectViewList,
  RateLimit,
  RevokedKeys,
} from '@faultline/api-contracts';
import type { HttpClient } from './http-client.js';

export interface NewProject {
  name: string;
  allowedOrigins?: string[];
  rateLimit?: RateLimit;
}

export interface IngestAdminClient {
  createProject(project: NewProject): Promise<CreatedProject>;
  listProjects(): Promise<ProjectView[]>;
  /** How many keys were revoked. */
  revokeKeys(projectId: string): Promise<number>;
  addKey(projectId: string): Promise<IssuedKey>;
}

export function ingestAdminClient(http: HttpClient): IngestAdminClient {
  const id = encodeURIComponent;
  return {
    createProject: (project) => http.post('/admin/projects', project),
    async listProjects() {
      return (await http.get<ProjectViewList>('/admin/projects')).projects;
    },
    async revokeKeys(projectId) {
      return (await http.post<RevokedKeys>(`/admin/projects/${id(projectId)}/revoke`)).revoked;
    },
    addKey: (projectId) => http.post(`/admin/projects/${id(projectId)}/keys`),
  };
}
