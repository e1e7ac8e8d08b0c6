import Type, { type Static } from 'typebox';
import { contentTyped } from '../content-typed.js';
import { ErrorEnvelope } from '../error-envelope.js';

/** Answers of every service's `/healthz`, `/readyz` and `/metrics` (@faultline/runtime's health routes). */

/** `/healthz` 200: the process answers and no consumer is stuck. */
export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

/** `/healthz` 503 while a consumer chunk is in flight past its deadline (the supervisor restarts the process). */
export const ConsumerStuck = Type.Object(
  {
    ...ErrorEnvelope.properties,
    error: Type.Literal('FL_RUNTIME_CONSUMER_STUCK'),
    deadlineMs: Type.Number(),
    oldestInFlightMs: Type.Number(),
    lastProgressAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: true },
);
export type ConsumerStuck = Static<typeof ConsumerStuck>;

export const ReadinessCheckResult = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

/** `/readyz`, 200 when every dependency answers, else 503 with the same shape naming the failed checks. */
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  ready: Type.Boolean(),
  /** Check name (kafka, redis, clickhouse, a consumer group...) -> its result. */
  checks: Type.Record(Type.String(), ReadinessCheckResult),
});
export type Readiness = Static<typeof Readiness>;

/** `/metrics`: Prometheus text exposition format (not JSON; the schema documents the content type). */
export const PrometheusText = contentTyped(
  'text/plain',
  Type.String(),
  'Prometheus text exposition format, labelled with the service',
);

/** `OPTIONS *` of an API the page calls from another origin: 204, `Access-Control-Allow-*` headers, no body. */
export const CorsPreflight = Type.Null({ description: 'CORS preflight: Access-Control-Allow-* headers' });
