import { type AlertScope, SEVERITIES, type Severity } from '@faultline/contracts';

/** A scope whose active alert holds counts back, as the due index names it. */
export interface DueScope {
  alertId: string;
  scope: AlertScope;
}

/**
 * The due index's member for an alert: JSON, because a dedupKey cannot be split back into its
 * scope when a component holds `:group=`. The alertId keeps a resolved alert's entry apart from
 * the next alert's of the same scope.
 */
export function dueMemberOf({ alertId, scope }: DueScope): string {
  return JSON.stringify([
    alertId,
    scope.projectId,
    scope.severity,
    scope.component ?? null,
    scope.groupId ?? null,
  ]);
}

/** The scope back from a member; undefined for anything this version did not write. */
export function parseDueMember(member: string): DueScope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(member);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return undefined;
  const [alertId, projectId, severity, component, groupId] = parsed as unknown[];
  if (typeof alertId !== 'string' || alertId === '' || typeof projectId !== 'string' || projectId === '')
    return undefined;
  if (!SEVERITIES.includes(severity as Severity)) return undefined;
  if (!(component === null || typeof component === 'string')) return undefined;
  if (!(groupId === null || typeof groupId === 'string')) return undefined;
  const scope: AlertScope = { projectId, severity: severity as Severity };
  if (component !== null) scope.component = component;
  if (groupId !== null) scope.groupId = groupId;
  return { alertId, scope };
}
