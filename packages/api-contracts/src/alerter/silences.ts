import { Severity } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/** The alerter's silences: stored as `Silence`, answered with whether each is active now. */

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

export const SilenceList = Type.Object({
  silences: Type.Array(Type.Object({ ...Silence.properties, active: Type.Boolean() })),
});
export type SilenceList = Static<typeof SilenceList>;
