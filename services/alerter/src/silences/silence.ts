import type { Silence, SilenceMatchers } from '@faultline/api-contracts';
import type { AlertState } from '@faultline/contracts';

export function isActive(silence: Silence, now: number): boolean {
  return Date.parse(silence.startsAt) <= now && now < Date.parse(silence.endsAt);
}

export function matches(matchers: SilenceMatchers, alert: AlertState): boolean {
  if (matchers.projectId !== undefined && matchers.projectId !== alert.scope.projectId) return false;
  if (matchers.severity !== undefined && matchers.severity !== alert.severity) return false;
  if (
    matchers.component !== undefined &&
    matchers.component !== alert.scope.component &&
    !alert.affectedComponents.includes(matchers.component)
  )
    return false;
  if (
    matchers.groupId !== undefined &&
    matchers.groupId !== alert.scope.groupId &&
    !alert.samples.some((sample) => sample.groupId === matchers.groupId)
  )
    return false;
  return true;
}

/** The silence that mutes this alert now, if any (the one ending last, so the reason names the longest). */
export function findSilence(
  silences: readonly Silence[],
  alert: AlertState,
  now: number,
): Silence | undefined {
  return silences
    .filter((s) => isActive(s, now) && matches(s.matchers, alert))
    .sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0];
}
