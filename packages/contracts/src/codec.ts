import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { SCHEMA_VERSION } from './common.js';
import { findTooDeep } from './depth.js';
import { makeWellFormed } from './well-formed.js';

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Codec<T> {
  /** Validates a parsed value. */
  check(value: unknown): DecodeResult<T>;
  /** Bytes from Kafka (or an HTTP body) to a typed value, or the reason it is unusable. */
  decode(bytes: Buffer | Uint8Array | string | null | undefined): DecodeResult<T>;
  encode(value: T): Buffer;
}

const MAX_REPORTED_ERRORS = 5;
/**
 * Deepest JSON any message may nest (the top level is 1). Every consumer re-serializes what it
 * reads, and JSON.stringify recurses: a direct producer's 20,000-deep `extra` would throw in the
 * handler on every retry and stick the partition. Ingest's own limit (at most 128) stays inside it.
 */
export const MAX_MESSAGE_DEPTH = 128;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One compiled validator per contract, shared by HTTP routes and Kafka consumers. */
export function createCodec<S extends TSchema>(name: string, schema: S): Codec<Static<S>> {
  const validator = Compile(schema);

  function check(value: unknown): DecodeResult<Static<S>> {
    const tooDeep = findTooDeep(value, MAX_MESSAGE_DEPTH);
    if (tooDeep !== undefined)
      return {
        ok: false,
        reason: `${name}: nested deeper than ${MAX_MESSAGE_DEPTH} at ${tooDeep.slice(0, 120)}`,
      };
    if (validator.Check(value)) return { ok: true, value: value as Static<S> };
    const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof value === 'object' && value !== null && version !== SCHEMA_VERSION) {
      return {
        ok: false,
        reason: `${name}: unsupported schemaVersion ${JSON.stringify(version)} (expected ${SCHEMA_VERSION})`,
      };
    }
    return { ok: false, reason: `${name}: ${describeErrors(validator.Errors(value))}` };
  }

  function decode(bytes: Buffer | Uint8Array | string | null | undefined): DecodeResult<Static<S>> {
    if (bytes === null || bytes === undefined || bytes.length === 0)
      return { ok: false, reason: `${name}: empty message` };
    let text: string;
    if (typeof bytes === 'string') text = bytes;
    else {
      try {
        text = utf8.decode(bytes);
      } catch {
        return { ok: false, reason: `${name}: not valid UTF-8` };
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `${name}: invalid JSON: ${(error as Error).message}` };
    }
    const checked = check(parsed);
    // After the depth check, so the walk over a hostile value stays bounded.
    if (checked.ok) makeWellFormed(checked.value);
    return checked;
  }

  return { check, decode, encode: (value) => Buffer.from(JSON.stringify(value)) };
}

interface ValidationError {
  instancePath: string;
  message: string;
  keyword: string;
  params: unknown;
}

/** The first few errors as `path: message`, leaf errors first, so the reason points at the field. */
export function describeErrors(errors: readonly ValidationError[]): string {
  // anyOf/union wrappers repeat what their branches said; keep the concrete ones.
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean');
  const chosen = (concrete.length > 0 ? concrete : errors).slice(0, MAX_REPORTED_ERRORS);
  const parts = chosen.map((e) => `${e.instancePath || '/'} ${e.message}${detail(e)}`);
  const more = errors.length > chosen.length ? ` (+${errors.length - chosen.length} more)` : '';
  return parts.join('; ') + more;
}

function detail(e: ValidationError): string {
  const params = e.params as Record<string, unknown> | undefined;
  if (e.keyword === 'additionalProperties' && Array.isArray(params?.additionalProperties)) {
    return `: ${params.additionalProperties.join(', ')}`;
  }
  if (e.keyword === 'enum' && Array.isArray(params?.allowedValues))
    return `: ${params.allowedValues.join(', ')}`;
  return '';
}
