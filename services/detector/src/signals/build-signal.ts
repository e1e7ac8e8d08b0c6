import {
  type AlertSample,
  type AlertScope,
  type AlertSignal,
  type CategorizedEvent,
  SCHEMA_VERSION,
} from '@faultline/contracts';
import type { WindowRule } from '../scope.js';

const SAMPLE_MESSAGE_MAX = 1024;

/** The runbook's alert text: `HIGH: 5 errors detected`. */
export function alertMessage(severity: string, errorCount: number): string {
  return `${severity.toUpperCase()}: ${errorCount} errors detected`;
}

export function sampleOf(event: CategorizedEvent): AlertSample {
  const sample: AlertSample = {
    eventId: event.event.eventId,
    groupId: event.groupId,
    message: event.event.message.slice(0, SAMPLE_MESSAGE_MAX),
    timestamp: event.event.timestamp,
  };
  if (event.event.component !== undefined) sample.component = event.event.component;
  return sample;
}

export interface SignalInput {
  kind: 'new' | 'update';
  alertId: string;
  dedupKey: string;
  scope: AlertScope;
  rule: WindowRule;
  errorCount: number;
  firstSeen: number;
  lastSeen: number;
  components: readonly string[];
  /** Newest first. */
  samples: readonly AlertSample[];
  sampleLimit: number;
  emittedAt: Date;
}

/**
 * A threshold crossing as the `alerts` topic carries it. Samples are the newest counted
 * events (those inside the alert's first..last seen), oldest first.
 */
export function buildSignal(input: SignalInput): AlertSignal {
  const samples = input.samples
    .filter((sample) => {
      // Clamped like event times are, so a client clock ahead of ours does not hide the sample.
      const at = Math.min(Date.parse(sample.timestamp), input.emittedAt.getTime());
      return at >= input.firstSeen && at <= input.lastSeen;
    })
    .slice(0, input.sampleLimit)
    .reverse();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: input.kind,
    alertId: input.alertId,
    dedupKey: input.dedupKey,
    scope: input.scope,
    severity: input.scope.severity,
    errorCount: input.errorCount,
    affectedComponents: [...input.components].sort(),
    message: alertMessage(input.scope.severity, input.errorCount),
    samples,
    window: { sizeMs: input.rule.windowMs, threshold: input.rule.threshold },
    firstSeen: new Date(input.firstSeen).toISOString(),
    lastSeen: new Date(input.lastSeen).toISOString(),
    emittedAt: input.emittedAt.toISOString(),
  };
}
