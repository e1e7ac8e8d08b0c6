import type { AlertScope, CategorizedEvent } from '@faultline/contracts';
import type { DetectionConfig } from './config.js';

/** The counting rule of one scope. */
export interface WindowRule {
  threshold: number;
  windowMs: number;
}

export interface ResolvedScope {
  scope: AlertScope;
  /** The `alerts` key and the alert's identity across bursts: `project:severity[:component=..][:group=..]`. */
  dedupKey: string;
  rule: WindowRule;
}

/** The scope an event counts in, with its project's rule (project overrides over the severity defaults). */
export function resolveScope(event: CategorizedEvent, detection: DetectionConfig): ResolvedScope {
  const { projectId, component } = event.event;
  const { severity, groupId } = event;
  const project = detection.projects[projectId];
  const groupBy = project?.groupBy ?? detection.groupBy;
  const scope: AlertScope = { projectId, severity };
  // An event without a component counts in the scope without one, rather than in every component's.
  if (groupBy.includes('component') && component !== undefined) scope.component = component;
  if (groupBy.includes('groupId')) scope.groupId = groupId;
  return {
    scope,
    dedupKey: dedupKeyOf(scope),
    rule: ruleFor(scope, detection),
  };
}

/** A scope's rule: its project's override over the severity's default. */
export function ruleFor(scope: AlertScope, detection: DetectionConfig): WindowRule {
  const project = detection.projects[scope.projectId];
  return { ...detection.thresholds[scope.severity], ...project?.thresholds?.[scope.severity] };
}

export function dedupKeyOf(scope: AlertScope): string {
  let key = `${scope.projectId}:${scope.severity}`;
  if (scope.component !== undefined) key += `:component=${scope.component}`;
  if (scope.groupId !== undefined) key += `:group=${scope.groupId}`;
  return key;
}

/** Redis Cluster hash tag shared by every key of a scope (and of its project and severity). */
export function hashTagOf(scope: AlertScope): string {
  return `{${scope.projectId}:${scope.severity}}`;
}
