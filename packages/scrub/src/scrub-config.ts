import Type, { type Static } from 'typebox';
import type { ScrubOptions } from './scrub-value.js';

const FieldNames = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 256 });

const ProjectScrubSettings = Type.Object(
  {
    emails: Type.Optional(Type.Boolean()),
    ips: Type.Optional(Type.Boolean()),
    /** Added to the instance's sensitive fields, not replacing them. */
    sensitiveFields: Type.Optional(FieldNames),
    /** Added to the instance's safe fields. */
    safeFields: Type.Optional(FieldNames),
  },
  { additionalProperties: false },
);

/**
 * The data scrubber's settings (Sentry's "data scrubber"), the same section in every service
 * that scrubs (ingest, categorizer), so one `FAULTLINE_SCRUB_*` setting reaches both.
 * Tokens, JWTs, API keys, card numbers and secret query parameters are always scrubbed.
 */
export const ScrubConfig = Type.Object(
  {
    /** Replace email addresses in any text with `[email]`. @default true */
    emails: Type.Boolean({ default: true }),
    /** Replace IPv4 and IPv6 addresses in any text with `[ip]`. @default true */
    ips: Type.Boolean({ default: true }),
    /** Field-name fragments whose values are secret, on top of password, token, secret, api_key, authorization, cookie... @default [] */
    sensitiveFields: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { default: [] }),
    /** Field names whose values are never scrubbed (compared without case, `-`, `_`). @default [] */
    safeFields: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { default: [] }),
    /** Per-project overrides by projectId, e.g. `{"demo": {"ips": false, "safeFields": ["orderEmail"]}}`. @default {} */
    projects: Type.Record(Type.String({ minLength: 1, maxLength: 128 }), ProjectScrubSettings, {
      default: {},
    }),
  },
  { default: {}, additionalProperties: false },
);
export type ScrubConfig = Static<typeof ScrubConfig>;

/** The options one project's events are scrubbed with: the instance's settings, then the project's. */
export function scrubOptionsFor(config: ScrubConfig, projectId: string): ScrubOptions {
  const project = Object.hasOwn(config.projects, projectId) ? config.projects[projectId] : undefined;
  return {
    emails: project?.emails ?? config.emails,
    ips: project?.ips ?? config.ips,
    sensitiveFields: [...config.sensitiveFields, ...(project?.sensitiveFields ?? [])],
    safeFields: [...config.safeFields, ...(project?.safeFields ?? [])],
  };
}
