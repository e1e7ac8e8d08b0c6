import { LIMITS, truncate } from './limits.js';
import { parseStack } from './stack.js';
import type { ExceptionValue, Mechanism } from './types.js';

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Error).message === 'string' &&
    (value instanceof Error || typeof (value as Error).stack === 'string')
  );
}

function exceptionValue(value: unknown): ExceptionValue {
  if (!isErrorLike(value)) {
    // Thrown strings and objects have no stack; the value is all there is.
    return { type: 'Error', value: truncate(describe(value), LIMITS.exceptionValue) };
  }
  const result: ExceptionValue = {
    type: truncate(value.name || 'Error', LIMITS.exceptionType),
    value: truncate(value.message, LIMITS.exceptionValue),
  };
  const frames = parseStack(value.stack);
  if (frames.length > 0) result.frames = frames;
  return result;
}

/**
 * The contract's exception chain from anything thrown: the error and its `cause`s, the root
 * cause first and the caught error last, with the mechanism on the caught one.
 */
export function exceptionChain(thrown: unknown, mechanism?: Mechanism): ExceptionValue[] {
  const chain: ExceptionValue[] = [];
  const seen = new Set<unknown>();
  let current: unknown = thrown;
  while (current !== undefined && chain.length < LIMITS.chain && !seen.has(current)) {
    seen.add(current);
    chain.push(exceptionValue(current));
    current = isErrorLike(current) ? (current as { cause?: unknown }).cause : undefined;
  }
  if (mechanism && chain[0]) chain[0].mechanism = mechanism;
  return chain.reverse();
}

/** The event message: the caught error's own message, or its type when it has none. */
export function messageOf(thrown: unknown): string {
  if (isErrorLike(thrown)) return thrown.message || thrown.name || 'Error';
  return describe(thrown);
}
