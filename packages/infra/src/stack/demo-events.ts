import { randomBytes } from 'node:crypto';

/** A native event for /api/v1/events. */
export type DemoEvent = Record<string, unknown> & { eventId: string; timestamp: string };

const HOUR = 3_600_000;

/** Each runbook rule, by the field that triggers it. */
const CRITICAL = [
  ['Database connection failed: ECONNREFUSED 10.0.3.7:5432', 'database'],
  ['Payment processing failed: gateway returned 502', 'payment'],
  ['Authentication service down: upstream timed out after 3 retries', 'auth'],
  ['File system error: ENOSPC no space left on device, write /var/data/uploads', 'storage'],
  ['Memory out of bounds in image resizer worker', 'media'],
] as const;
const SECURITY = [
  ['Unauthorized access attempt on /admin/users', 'api'],
  ['CSRF token invalid for POST /account/email', 'api'],
  ['Rate limit exceeded for client 203.0.113.9', 'api'],
  ['Webhook signature invalid from payment provider', 'payment'],
  ['SQL injection attempt blocked in search query', 'api'],
  ['Suspicious login pattern for user 8812', 'security'],
] as const;
const PERFORMANCE: [string, string, Record<string, number>][] = [
  ['Checkout page render slow', 'api', { responseTimeMs: 7300 }],
  ['Report export worker over memory budget', 'reports', { memoryBytes: 1.6e9 }],
  ['Upstream request timeout calling inventory service', 'api', {}],
];
const GENERAL = [
  ["Cannot read properties of undefined (reading 'name')", 'profile'],
  ['Audio context was not allowed to start', 'audio-player'],
  ['Unexpected token < in JSON at position 0', 'api'],
  ['Image failed to load: /img/banner.webp', 'frontend'],
] as const;

function event(
  at: number,
  message: string,
  component: string,
  extra: Record<string, unknown> = {},
): DemoEvent {
  return {
    eventId: `demo-${randomBytes(8).toString('hex')}`,
    timestamp: new Date(at).toISOString(),
    level: 'error',
    message,
    component,
    source: 'express',
    environment: 'demo',
    release: 'shop@3.4.1',
    ...extra,
  };
}

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

/**
 * Bursts at `now` that cross every threshold, then history spread over the last day (oldest
 * first: trends, top components, error rate). Sent in that order, the history is far behind
 * the detector's newest event time, so it fills ClickHouse without opening old alerts. Bursts
 * cross every threshold: critical 1, high 5 in 5 min, medium 20 in
 * 15 min, low 100 in 1 h (each burst sent a little above its threshold).
 */
export function demoEvents(now: number, historyCount = 400): { history: DemoEvent[]; bursts: DemoEvent[] } {
  const history: DemoEvent[] = [];
  for (let i = 0; i < historyCount; i++) {
    const at = now - 23.5 * HOUR + Math.floor((i / historyCount) * 23 * HOUR);
    const roll = i % 20;
    if (roll === 0) {
      const [message, component] = pick(CRITICAL, i);
      history.push(event(at, message, component));
    } else if (roll < 4) {
      const [message, component] = pick(SECURITY, i);
      history.push(event(at, message, component));
    } else if (roll < 8) {
      const [message, component, extra] = pick(PERFORMANCE, i);
      history.push(event(at, message, component, extra));
    } else {
      const [message, component] = pick(GENERAL, i);
      history.push(event(at, message, component, { userId: `user-${i % 37}` }));
    }
  }
  const bursts: DemoEvent[] = [
    ...CRITICAL.map(([message, component]) => event(now, message, component)),
    ...SECURITY.map(([message, component]) => event(now, message, component)),
    ...Array.from({ length: 24 }, (_, i) => {
      const [message, component, extra] = pick(PERFORMANCE, i);
      return event(now, message, component, extra);
    }),
    ...Array.from({ length: 110 }, (_, i) => {
      const [message, component] = pick(GENERAL, i);
      return event(now, message, component, { userId: `user-${i % 11}` });
    }),
  ];
  return { history, bursts };
}
