/**
 * The event as the SDKs send it to `POST /api/v1/events`: the ErrorEvent contract of
 * @faultline/contracts minus what ingest fills (projectId, receivedAt, clockSkewMs). Declared
 * here rather than imported so the browser bundle carries no schema library; a test checks
 * that it stays assignable to the contract.
 */
export type Level = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

export type Source =
  | 'error-boundary'
  | 'global-handler'
  | 'unhandled-rejection'
  | 'network'
  | 'express'
  | 'fastify'
  | 'webhook'
  | 'rate-limiter'
  | 'convex'
  | 'other';

export interface Frame {
  filename?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  /** False for library and runtime frames; grouping uses in-app frames only. */
  inApp?: boolean;
}

export interface Mechanism {
  type: string;
  handled?: boolean;
}

export interface ExceptionValue {
  type: string;
  value: string;
  /** Oldest call first, the frame that threw last. */
  frames?: Frame[];
  mechanism?: Mechanism;
}

export interface RequestInfo {
  url?: string;
  method?: string;
  userAgent?: string;
}

export interface FaultlineEvent {
  schemaVersion: 1;
  eventId: string;
  timestamp: string;
  level: Level;
  message: string;
  /** The root cause first, the exception that was caught last. */
  exception?: ExceptionValue[];
  component?: string;
  action?: string;
  source: Source;
  environment?: string;
  release?: string;
  userId?: string;
  sessionId?: string;
  request?: RequestInfo;
  responseTimeMs?: number;
  memoryBytes?: number;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  fingerprint?: string[];
  sdk?: { name: string; version: string };
}

/** What a collection point knows about an error, beyond the error itself. */
export interface CaptureContext {
  source?: Source;
  level?: Level;
  /** Replaces the error's own message (the categorizer matches rules against it). */
  message?: string;
  component?: string;
  action?: string;
  request?: RequestInfo;
  responseTimeMs?: number;
  memoryBytes?: number;
  userId?: string;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  fingerprint?: string[];
  mechanism?: Mechanism;
}
