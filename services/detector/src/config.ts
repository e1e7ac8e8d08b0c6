import {
  ConsumerConfig,
  DEFAULT_PORTS,
  DETECTION_THRESHOLDS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  RedisConfig,
} from '@faultline/config';
import { SEVERITIES, type Severity } from '@faultline/contracts';
import Type, { type Static } from 'typebox';

/** `threshold` events within `windowMs` of each other open an alert (window 0: events at the same instant; threshold 1: at once). */
const WindowRule = (severity: Severity) =>
  Type.Object(
    {
      threshold: Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: DETECTION_THRESHOLDS[severity].count,
      }),
      windowMs: Type.Integer({
        minimum: 0,
        maximum: 7 * 86_400_000,
        default: DETECTION_THRESHOLDS[severity].windowMs,
      }),
    },
    { default: {}, additionalProperties: false },
  );

const PartialRule = Type.Object(
  {
    threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    windowMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400_000 })),
  },
  { additionalProperties: false },
);

/** What, besides project and severity, an alert counts over: each listed field splits the scope. */
export type GroupByField = 'component' | 'groupId';
const GroupBy = (options: { default?: GroupByField[] } = {}) =>
  Type.Array(Type.Union([Type.Literal('component'), Type.Literal('groupId')]), {
    uniqueItems: true,
    maxItems: 2,
    ...options,
  });

export const DetectorConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.detector),
    /**
     * Group on errors.categorized; the group on alert-events is this plus `-alert-events`. A new
     * group starts at the end of the topic: replaying retained history on a first deploy would
     * page people for bursts long over.
     */
    consumer: ConsumerConfig({
      groupId: 'faultline-detector',
      maxBatch: 500,
      fromBeginning: false,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3000,
      maxWaitMs: 500,
    }),
    detection: Type.Object(
      {
        /** Per severity; the runbook's seed: critical 1 at once, high 5 in 5 min, medium 20 in 15 min, low 100 in 1 h. */
        thresholds: Type.Object(
          Object.fromEntries(SEVERITIES.map((s) => [s, WindowRule(s)])) as Record<
            Severity,
            ReturnType<typeof WindowRule>
          >,
          { default: {}, additionalProperties: false },
        ),
        /** Alert scope beyond project + severity. @default [] */
        groupBy: GroupBy({ default: [] }),
        /** Per-project overrides (project id -> thresholds by severity, groupBy). @default {} */
        projects: Type.Record(
          Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' }),
          Type.Object(
            {
              thresholds: Type.Optional(
                Type.Object(Object.fromEntries(SEVERITIES.map((s) => [s, Type.Optional(PartialRule)])), {
                  additionalProperties: false,
                }),
              ),
              groupBy: Type.Optional(GroupBy()),
            },
            { additionalProperties: false },
          ),
          { default: {} },
        ),
        /**
         * How far behind the newest event time of its scope an event may arrive and still count;
         * later ones are dropped (and counted in a metric). @default 120000
         */
        lateToleranceMs: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 120_000 }),
        /** While an alert is active, at most one `update` per this interval. @default 60000 */
        updateIntervalMs: Type.Integer({ minimum: 0, default: 60_000 }),
        /**
         * How often a replica looks for alerts whose held-back counts are due (last signal at least
         * `updateIntervalMs` ago, no event since) and sends their `update`. @default 5000
         */
        flushIntervalMs: Type.Integer({ minimum: 50, maximum: 3_600_000, default: 5000 }),
        /** An active alert with no new event for this long is forgotten (if the alerter never resolves it). @default 86400000 (24 h) */
        alertIdleTtlMs: Type.Integer({ minimum: 1000, default: 86_400_000 }),
        /** Upper bound on the event log kept per scope (never below the scope's threshold). @default 1000 */
        maxLogEntries: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type DetectorConfig = Static<typeof DetectorConfig>;
export type DetectionConfig = DetectorConfig['detection'];
