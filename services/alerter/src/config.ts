import {
  ALERT_ROUTING,
  AuthConfig,
  ConsumerConfig,
  DEFAULT_PORTS,
  ESCALATION_AFTER_MS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  loadConfig,
  RateLimitConfig,
  RedisConfig,
  SEVERITY_POLICY,
} from '@faultline/config';
import { SEVERITIES, type Severity } from '@faultline/contracts';
import Type, { type Static, type TSchema } from 'typebox';

const MINUTE = 60_000;
const DAY_SECONDS = 86_400;

export const CHANNEL_NAMES = ['slack', 'email', 'sms', 'pagerduty', 'webhook', 'dashboard'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];
/** Channels that can carry a ticket notice: PagerDuty would open an incident and the dashboard reads alert-events only. */
export const TICKET_CHANNEL_NAMES = ['slack', 'email', 'sms', 'webhook'] as const;
export type TicketChannelName = (typeof TICKET_CHANNEL_NAMES)[number];

const ChannelName = Type.Union(CHANNEL_NAMES.map((c) => Type.Literal(c)));
/** Recipients land in Redis keys and job members: no separators or spaces. */
const RecipientName = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._@+-]*$',
});

/** One field per severity, each with its own default. */
function perSeverity<S extends TSchema>(field: (severity: Severity) => S) {
  return Type.Object(Object.fromEntries(SEVERITIES.map((s) => [s, field(s)])) as Record<Severity, S>, {
    default: {},
    additionalProperties: false,
  });
}

const Route = (severity: Severity) =>
  Type.Object(
    {
      channels: Type.Array(ChannelName, { default: [...ALERT_ROUTING[severity].channels] }),
      recipients: Type.Array(RecipientName, { default: [...ALERT_ROUTING[severity].recipients] }),
    },
    { default: {}, additionalProperties: false },
  );

export const AlerterConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.alerter),
    auth: AuthConfig,
    /**
     * Group of the `alerts` consumer; the `alert-commands` and `tickets` ones add `.commands` and
     * `.tickets`. A new group starts at the oldest retained message, so no alert sent before the
     * first deploy is lost.
     */
    consumer: ConsumerConfig({
      groupId: 'faultline-alerter',
      maxBatch: 200,
      maxBatchLimit: 5000,
      fromBeginning: true,
    }),
    /** Channels and recipients per severity. @default the runbook's (ALERT_ROUTING) */
    routing: perSeverity(Route),
    /**
     * Where each recipient is reached, per channel: a Slack incoming-webhook URL, an email
     * address, an E.164 phone number, a PagerDuty routing key, a webhook URL. The dashboard
     * needs none. @default {}
     */
    recipients: Type.Record(
      Type.String(),
      Type.Object(
        {
          slack: Type.Optional(Type.String({ pattern: '^https?://' })),
          email: Type.Optional(Type.String({ minLength: 3 })),
          sms: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' })),
          pagerduty: Type.Optional(Type.String({ minLength: 1 })),
          webhook: Type.Optional(Type.String({ pattern: '^https?://' })),
        },
        { additionalProperties: false },
      ),
      { default: {} },
    ),
    escalation: Type.Object(
      {
        /** Delays after firing at which an unacknowledged alert escalates, one stage each. @default ESCALATION_AFTER_MS */
        afterMs: perSeverity((s) =>
          Type.Array(Type.Integer({ minimum: 0 }), { default: [...ESCALATION_AFTER_MS[s]] }),
        ),
        /** An acknowledgement lapses after this long and the alert fires again; 0: never. @default 30 min */
        ackTimeoutMs: Type.Integer({ minimum: 0, default: 30 * MINUTE }),
      },
      { default: {}, additionalProperties: false },
    ),
    sla: Type.Object(
      {
        /** Time-to-acknowledge target per severity; missing it is an `sla_breached` alert-event. @default SEVERITY_POLICY */
        respondWithinMs: perSeverity((s) =>
          Type.Integer({ minimum: 1, default: SEVERITY_POLICY[s].respondWithinMs }),
        ),
      },
      { default: {}, additionalProperties: false },
    ),
    delivery: Type.Object(
      {
        /** One attempt (connect, send, answer) is abandoned after this. @default 10000 */
        attemptTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
        /** @default 6 */
        maxAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 6 }),
        /** Backoff doubles from here, with jitter. @default 1000 */
        backoffBaseMs: Type.Integer({ minimum: 1, default: 1000 }),
        /** @default 60000 */
        backoffMaxMs: Type.Integer({ minimum: 1, default: 60_000 }),
        /** A receiver's Retry-After is honoured up to this. @default 300000 */
        maxRetryAfterMs: Type.Integer({ minimum: 0, default: 300_000 }),
        /** Deliveries in flight per replica. @default 32 */
        concurrency: Type.Integer({ minimum: 1, maximum: 1000, default: 32 }),
        /** How long the delivery log remembers a (alert, stage, channel, recipient). @default 7 days */
        logTtlSeconds: Type.Integer({ minimum: 60, default: 7 * DAY_SECONDS }),
      },
      { default: {}, additionalProperties: false },
    ),
    scheduler: Type.Object(
      {
        /** How often an idle replica looks for due jobs. @default 500 */
        pollIntervalMs: Type.Integer({ minimum: 10, default: 500 }),
        /** Jobs claimed per look. @default 100 */
        claimBatch: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
        /** A claimed job returns to the schedule if its replica has not settled it by then (it died). Must exceed attemptTimeoutMs. @default 30000 */
        leaseMs: Type.Integer({ minimum: 1000, default: 30_000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    channels: Type.Object(
      {
        email: Type.Object(
          {
            /** @default '127.0.0.1' */
            host: Type.String({ minLength: 1, default: '127.0.0.1' }),
            /** @default 25 */
            port: Type.Integer({ minimum: 1, maximum: 65535, default: 25 }),
            /** TLS from the first byte (port 465); otherwise STARTTLS when offered. @default false */
            secure: Type.Boolean({ default: false }),
            /** Refuse to send (retryably) when the server does not offer STARTTLS. @default false */
            requireTls: Type.Boolean({ default: false }),
            /** @default '' (no auth) */
            username: Type.String({ default: '' }),
            /** @default '' */
            password: Type.String({ default: '', env: 'FAULTLINE_SMTP_PASSWORD' }),
            /** @default 'Faultline <faultline@localhost>' */
            from: Type.String({ minLength: 3, default: 'Faultline <faultline@localhost>' }),
          },
          { default: {}, additionalProperties: false },
        ),
        sms: Type.Object(
          {
            /** Twilio's API base. @default 'https://api.twilio.com' */
            baseUrl: Type.String({ pattern: '^https?://', default: 'https://api.twilio.com' }),
            /** @default '' */
            accountSid: Type.String({ default: '', env: 'TWILIO_ACCOUNT_SID' }),
            /** @default '' */
            authToken: Type.String({ default: '', env: 'TWILIO_AUTH_TOKEN' }),
            /** Sender number (E.164). @default '' */
            from: Type.String({ default: '' }),
          },
          { default: {}, additionalProperties: false },
        ),
        pagerduty: Type.Object(
          {
            /** Events API v2 endpoint. @default 'https://events.pagerduty.com/v2/enqueue' */
            url: Type.String({ pattern: '^https?://', default: 'https://events.pagerduty.com/v2/enqueue' }),
          },
          { default: {}, additionalProperties: false },
        ),
        webhook: Type.Object(
          {
            /** HMAC-SHA256 key for the X-Faultline-Signature header. @default '' */
            secret: Type.String({ default: '', env: 'FAULTLINE_WEBHOOK_SECRET' }),
          },
          { default: {}, additionalProperties: false },
        ),
      },
      { default: {}, additionalProperties: false },
    ),
    tickets: Type.Object(
      {
        /** Channels on which an assignee hears of a ticket created for or assigned to them. @default ['slack', 'email'] */
        channels: Type.Array(Type.Union(TICKET_CHANNEL_NAMES.map((c) => Type.Literal(c))), {
          default: ['slack', 'email'],
        }),
        /**
         * A ticket event older than this (a new consumer group reading the topic's history) notifies
         * nobody: a week-old assignment is noise, not news. 0: no limit. @default 1 day
         */
        maxAgeMs: Type.Integer({ minimum: 0, default: 24 * 60 * MINUTE }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** Linked from messages as `<dashboardUrl>/alerts/<alertId>`; unset: no link. */
    dashboardUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    api: Type.Object(
      {
        /** Request rate per client on /api/v1 (callers are verified first: a refused one is not counted). */
        rateLimit: RateLimitConfig,
      },
      { default: {}, additionalProperties: false },
    ),
    /** Resolved alerts stay listed this long. @default 7 days */
    resolvedRetentionSeconds: Type.Integer({ minimum: 60, default: 7 * DAY_SECONDS }),
  },
  { additionalProperties: false },
);
export type AlerterConfig = Static<typeof AlerterConfig>;

export function loadAlerterConfig(env: NodeJS.ProcessEnv = process.env): AlerterConfig {
  const config = loadConfig(AlerterConfig, { env });
  if (config.scheduler.leaseMs <= config.delivery.attemptTimeoutMs) {
    throw new Error(
      `scheduler.leaseMs (${config.scheduler.leaseMs}) must exceed delivery.attemptTimeoutMs (${config.delivery.attemptTimeoutMs})`,
    );
  }
  return config;
}
