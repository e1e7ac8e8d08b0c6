import type { AlertState } from '@faultline/contracts';
import { Severity } from '@faultline/contracts';
import Type, { type Static } from 'typebox';

const MatchValue = Type.String({ minLength: 1, maxLength: 128 });

/** Every matcher given must match; at least one is required so a silence never mutes everything by accident. */
export const SilenceMatchers = Type.Object(
  {
    projectId: Type.Optional(MatchValue),
    severity: Type.Optional(Severity),
    /** The alert's scope component, or any of its affected components. */
    component: Type.Optional(MatchValue),
    /** The alert's scope group, or the group of any of its samples. */
    groupId: Type.Optional(MatchValue),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SilenceMatchers = Static<typeof SilenceMatchers>;

export const Silence = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    matchers: SilenceMatchers,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ minLength: 1, maxLength: 256 }),
    comment: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type Silence = Static<typeof Silence>;

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
