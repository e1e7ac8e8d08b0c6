import { DEFAULT_TEAM, TEAM_BY_COMPONENT_KEYWORD } from '@faultline/config';

/**
 * The runbook's assignment rules: the team the categorizer chose for the group's events wins
 * (it owns team assignment and its rules may be configured); without an event, the first
 * component keyword that matches, else the default team.
 */
export function assigneeFor(component: string | undefined, categorizedTeam?: string): string {
  if (categorizedTeam) return categorizedTeam;
  const lowered = (component ?? '').toLowerCase();
  for (const [keyword, team] of TEAM_BY_COMPONENT_KEYWORD) if (lowered.includes(keyword)) return team;
  return DEFAULT_TEAM;
}
