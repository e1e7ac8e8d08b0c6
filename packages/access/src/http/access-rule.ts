import { PROJECT_ROLES, type ProjectRole } from '@faultline/contracts';

/**
 * Where a route finds the project its rule applies to. `none`: the route is per instance (the
 * project list, sign-in status of a dashboard) and needs the role on at least one project.
 */
export const PROJECT_LOCATIONS = ['params.projectId', 'query.project', 'body.projectId', 'none'] as const;
export type ProjectLocation = (typeof PROJECT_LOCATIONS)[number];

/**
 * What a route requires, declared in its `config.access`:
 * - `{ public: true }`: anyone (health, metrics, event intake with project keys, sign-in);
 * - `{ authenticated: true }`: any valid credential, whatever its roles (who am I, sign-out);
 * - `{ role, project }`: at least `role` on the project found at `project`;
 * - `{ owner: true }`: the instance owner (users, teams, instance settings).
 */
export type AccessRule =
  | { public: true }
  | { authenticated: true }
  | { owner: true }
  | { role: ProjectRole; project: ProjectLocation };

/** The rule in a route's config, or a message saying what is wrong with it. */
export function parseAccessRule(
  value: unknown,
): { ok: true; rule: AccessRule } | { ok: false; problem: string } {
  if (value === undefined) return { ok: false, problem: 'has no config.access rule' };
  if (typeof value !== 'object' || value === null)
    return { ok: false, problem: 'has a config.access that is not an object' };
  const rule = value as Record<string, unknown>;
  const keys = Object.keys(rule).sort().join(',');
  if (keys === 'public' && rule.public === true) return { ok: true, rule: { public: true } };
  if (keys === 'authenticated' && rule.authenticated === true)
    return { ok: true, rule: { authenticated: true } };
  if (keys === 'owner' && rule.owner === true) return { ok: true, rule: { owner: true } };
  if (keys === 'project,role') {
    const role = PROJECT_ROLES.find((r) => r === rule.role);
    const project = PROJECT_LOCATIONS.find((p) => p === rule.project);
    if (role && project) return { ok: true, rule: { role, project } };
  }
  return {
    ok: false,
    problem: `has config.access ${JSON.stringify(value)}; expected { public: true }, { authenticated: true }, { owner: true } or { role: ${PROJECT_ROLES.join('|')}, project: ${PROJECT_LOCATIONS.join('|')} }`,
  };
}

/** The project id a request names at `location`: a non-empty string, else undefined. */
export function projectIdAt(
  location: Exclude<ProjectLocation, 'none'>,
  request: { params: unknown; query: unknown; body: unknown },
): string | undefined {
  const [source, field] =
    location === 'params.projectId'
      ? [request.params, 'projectId']
      : location === 'query.project'
        ? [request.query, 'project']
        : [request.body, 'projectId'];
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[field];
  // A repeated query parameter arrives as an array: refused rather than guessing which one the handler uses.
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
