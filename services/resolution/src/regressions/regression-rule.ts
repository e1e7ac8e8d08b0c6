import type { ResolveMode } from '@faultline/api-contracts';
import { isNewerRelease } from './release-order.js';

export interface ResolvedGroup {
  resolvedAtMs: number;
  resolve: ResolveMode;
}

export interface IncomingEvent {
  /** When Faultline accepted it (ingest's clock), else when it happened. */
  seenAtMs: number;
  release?: string;
}

export type RegressionVerdict = { regressed: true; reason: string } | { regressed: false; reason: string };

/**
 * An event for a resolved group is a regression when it arrived after the resolution (events
 * already in flight when someone resolved do not count) and, for "resolved in next release",
 * only when it comes from a newer release than the one the fix was declared against.
 */
export function judgeRegression(group: ResolvedGroup, event: IncomingEvent): RegressionVerdict {
  if (event.seenAtMs <= group.resolvedAtMs)
    return { regressed: false, reason: 'event arrived before the resolution' };
  if (group.resolve.mode === 'now') return { regressed: true, reason: 'event after the group was resolved' };
  if (!event.release)
    return { regressed: false, reason: 'event names no release; resolved in the next release' };
  if (!isNewerRelease(event.release, group.resolve.release))
    return {
      regressed: false,
      reason: `release ${event.release} is not newer than ${group.resolve.release}`,
    };
  return {
    regressed: true,
    reason: `event in release ${event.release}, resolved in the release after ${group.resolve.release}`,
  };
}
