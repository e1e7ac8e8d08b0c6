/** The metrics service's admin and audit API (services/metrics/README.md, "Identity and access"). */

import type {
  MemberAnswer,
  MemberRequest,
  MembersAnswer,
  NewProjectTokenRequest,
  NewTokenAnswer,
  NewTokenRequest,
  NewUserAnswer,
  NewUserRequest,
  RemovedUserAnswer,
  TokenAnswer,
  TokensAnswer,
  UsersAnswer,
} from '@faultline/api-contracts';
import type { AuditRecord } from '@faultline/contracts';
import type { HttpClient } from './http-client.js';
import { localToken, serviceClient } from './service-endpoints.js';

export interface AuditFilter {
  projectId?: string;
  action?: string;
  actor?: string;
  from?: string;
  limit?: number;
}

export interface AdminClient {
  createProjectToken(projectId: string, request: NewProjectTokenRequest): Promise<NewTokenAnswer>;
  /** The owner's: any projects (`*`), or a person's token. */
  createToken(request: NewTokenRequest): Promise<NewTokenAnswer>;
  listTokens(projectId?: string): Promise<TokensAnswer>;
  revokeToken(tokenId: string, projectId?: string): Promise<TokenAnswer>;
  addUser(request: NewUserRequest): Promise<NewUserAnswer>;
  listUsers(): Promise<UsersAnswer>;
  removeUser(userId: string): Promise<RemovedUserAnswer>;
  setMember(projectId: string, request: MemberRequest): Promise<MemberAnswer>;
  listMembers(projectId: string): Promise<MembersAnswer>;
  removeMember(projectId: string, principal: MemberRequest['principal']): Promise<MemberAnswer>;
  audit(filter: AuditFilter): Promise<{ entries: AuditRecord[] }>;
}

export function adminClient(http: HttpClient): AdminClient {
  const id = encodeURIComponent;
  const project = (projectId: string) => `/api/v1/projects/${id(projectId)}`;
  return {
    createProjectToken: (projectId, request) => http.post(`${project(projectId)}/tokens`, request),
    createToken: (request) => http.post('/api/v1/tokens', request),
    listTokens: (projectId) => http.get(projectId ? `${project(projectId)}/tokens` : '/api/v1/tokens'),
    revokeToken: (tokenId, projectId) =>
      http.delete(
        projectId ? `${project(projectId)}/tokens/${id(tokenId)}` : `/api/v1/tokens/${id(tokenId)}`,
      ),
    addUser: (request) => http.post('/api/v1/admin/users', request),
    listUsers: () => http.get('/api/v1/admin/users'),
    removeUser: (userId) => http.delete(`/api/v1/admin/users/${id(userId)}`),
    setMember: (projectId, request) => http.post(`${project(projectId)}/members`, request),
    listMembers: (projectId) => http.get(`${project(projectId)}/members`),
    removeMember: (projectId, principal) =>
      http.delete(
        'userId' in principal
          ? `${project(projectId)}/members/users/${id(principal.userId)}`
          : `${project(projectId)}/members/teams/${id(principal.teamId)}`,
      ),
    audit: ({ projectId, ...query }) =>
      http.get(projectId ? `${project(projectId)}/audit` : '/api/v1/audit', query),
  };
}

/** The admin client of the metrics service at `url` (else FAULTLINE_METRICS_URL or the local port), with FAULTLINE_TOKEN or the local owner token. */
export function metricsAdminClient(env: NodeJS.ProcessEnv, url?: string): AdminClient {
  return adminClient(serviceClient('metrics', env, { url, token: localToken(env) }));
}
