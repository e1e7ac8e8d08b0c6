import type { ProjectRole } from '@faultline/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * TEMPORARY seam until @faultline/access is merged: the parts of its verified `request.identity`
 * the admin API reads. Replaced by the package's Identity and its `config.access` typing.
 */
export interface AdminIdentity {
  kind: 'anonymous' | 'user' | 'machine';
  userId?: string;
  tokenId?: string;
  sessionId?: string;
  name: string;
  owner: boolean;
  can(role: ProjectRole, projectId: string): boolean;
}

export type AccessRule =
  | { public: true }
  | { owner: true }
  | { role: ProjectRole; project: 'params.projectId' | 'query.project' | 'body.projectId' | 'none' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export function identityOf(request: FastifyRequest): AdminIdentity {
  const identity = (request as FastifyRequest & { identity?: AdminIdentity }).identity;
  if (!identity || identity.kind === 'anonymous') throw new Error('admin route reached without an identity');
  return identity;
}
