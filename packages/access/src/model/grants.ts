import type { ProjectRole, TokenRecord } from '@faultline/contracts';
import type { AccessState } from './access-state.js';
import { higherRole, lowerRole, roleAtLeast, SCOPE_ROLE } from './roles.js';

/**
 * Every role a principal holds: `every` on all projects (the owner's admin, a `*` token's
 * scope), `projects` on named ones. The effective role on a project is the higher of the two.
 */
export interface Grants {
  every?: ProjectRole;
  projects: ReadonlyMap<string, ProjectRole>;
}

export const NO_GRANTS: Grants = { projects: new Map() };

export function roleOn(grants: Grants, projectId: string): ProjectRole | undefined {
  return higherRole(grants.every, grants.projects.get(projectId));
}

/** True when the principal holds `role` on at least one project (rules with `project: 'none'`). */
export function holdsSomewhere(grants: Grants, role: ProjectRole): boolean {
  if (roleAtLeast(grants.every, role)) return true;
  for (const held of grants.projects.values()) if (roleAtLeast(held, role)) return true;
  return false;
}

/** Projects the principal may see: all of them, or these ids. */
export type VisibleProjects = { all: true } | { all: false; projectIds: string[] };

export function visibleProjects(grants: Grants): VisibleProjects {
  if (grants.every !== undefined) return { all: true };
  return { all: false, projectIds: [...grants.projects.keys()].sort() };
}

/**
 * A user's roles: none when absent or disabled; admin everywhere for the owner; else per
 * project the highest of the direct membership and the memberships of the user's (existing) teams.
 */
export function userGrants(state: AccessState, userId: string): Grants {
  const user = state.users.get(userId);
  if (!user || user.disabled) return NO_GRANTS;
  if (user.owner) return { every: 'admin', projects: new Map() };
  const projects = new Map(state.userRoles.get(userId));
  for (const teamId of state.teamsOfUser.get(userId) ?? []) {
    if (!state.teams.has(teamId)) continue;
    for (const [projectId, role] of state.teamRoles.get(teamId) ?? []) {
      projects.set(projectId, higherRole(projects.get(projectId), role) as ProjectRole);
    }
  }
  return { projects };
}

/**
 * A token's roles (validity is checked elsewhere): its scope on its projects (`*`: all); a
 * person's token is further capped, project by project, by that person's own roles.
 */
export function tokenGrants(state: AccessState, token: TokenRecord): Grants {
  const scope = SCOPE_ROLE[token.scope];
  const all = token.projects.includes('*');
  const listed = token.projects.filter((p) => p !== '*');
  if (token.userId === undefined) {
    return all ? { every: scope, projects: new Map() } : { projects: new Map(listed.map((p) => [p, scope])) };
  }
  const person = userGrants(state, token.userId);
  const projects = new Map<string, ProjectRole>();
  const names = all ? person.projects.keys() : listed;
  for (const projectId of names) {
    const role = lowerRole(roleOn(person, projectId), scope);
    if (role) projects.set(projectId, role);
  }
  const every = all ? lowerRole(person.every, scope) : undefined;
  return every === undefined ? { projects } : { every, projects };
}
