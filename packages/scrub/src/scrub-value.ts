import { MAX_MESSAGE_DEPTH } from '@faultline/contracts';
import { FILTERED, scrubText, type TextScrubOptions } from './scrub-text.js';
import { isSecretKey, normalizeKey } from './secret-keys.js';

export interface ScrubOptions extends TextScrubOptions {
  /** Field names whose values are kept as they are (Sentry's "safe fields"), compared like secret keys. */
  safeFields: readonly string[];
}

interface Pending {
  source: object;
  target: Record<string, unknown> | unknown[];
  depth: number;
}

/**
 * A copy of any JSON value: values under secret keys replaced, values under safe fields kept,
 * every other string scrubbed. Iterative, so hostile nesting cannot overflow the stack; below
 * `maxDepth` (the contract's own limit) a value is replaced whole rather than walked.
 */
export function scrubValue(value: unknown, options: ScrubOptions, maxDepth = MAX_MESSAGE_DEPTH): unknown {
  if (typeof value === 'string') return scrubText(value, options);
  if (typeof value !== 'object' || value === null) return value;
  const safe = new Set(options.safeFields.map(normalizeKey));
  const root = Array.isArray(value) ? [] : {};
  const stack: Pending[] = [{ source: value, target: root, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const isArray = Array.isArray(item.source);
    for (const key of Object.keys(item.source)) {
      const child = (item.source as Record<string, unknown>)[key];
      let out: unknown;
      if (!isArray && safe.has(normalizeKey(key))) out = child;
      else if (!isArray && isSecretKey(key, options.sensitiveFields) && child !== null && child !== '')
        out = FILTERED;
      else if (typeof child === 'string') out = scrubText(child, options);
      else if (typeof child !== 'object' || child === null) out = child;
      else if (item.depth >= maxDepth) out = FILTERED;
      else {
        out = Array.isArray(child) ? [] : {};
        stack.push({ source: child, target: out as Pending['target'], depth: item.depth + 1 });
      }
      setOwn(item.target, key, out);
    }
  }
  return root;
}

/**
 * `out[key] = value` with key `__proto__` would set the copy's prototype instead: an event whose
 * required fields sat under a submitted `"__proto__"` key would then pass the contract check by
 * inheritance and reach Kafka without them. A defined property stays data like any other key.
 */
function setOwn(out: object, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
