import type { ProjectRole, TokenScope } from '@faultline/contracts';

/** viewer < responder < admin on one project; the instance owner is above every project. */
const RANK: Record<ProjectRole, number> = { viewer: 1, responder: 2, admin: 3 };

/** What a token scope allows on a project, before a person's token is capped by the person's role. */
export const SCOPE_ROLE: Record<TokenScope, ProjectRole> = {
  read: 'viewer',
  respond: 'responder',
  admin: 'admin',
};

/** True when `held` (undefined: no role) includes everything `needed` may do. */
export function roleAtLeast(held: ProjectRole | undefined, needed: ProjectRole): boolean {
  return held !== undefined && RANK[held] >= RANK[needed];
}

/** The stronger of two roles; undefined counts as none. */
export function higherRole(a: ProjectRole | undefined, b: ProjectRole | undefined): ProjectRole | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** The weaker of two roles: a cap. Undefined on either side means no role. */
export function lowerRole(a: ProjectRole | undefined, b: ProjectRole | undefined): ProjectRole | undefined {
  if (a === undefined || b === undefined) return undefined;
  return RANK[a] <= RANK[b] ? a : b;
}
