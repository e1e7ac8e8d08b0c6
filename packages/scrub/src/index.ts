export { passesLuhn } from './luhn.js';
export { ScrubConfig, scrubOptionsFor } from './scrub-config.js';
export { scrubEvent } from './scrub-event.js';
export { FILTERED, PLACEHOLDERS, scrubText, type TextScrubOptions } from './scrub-text.js';
export { type ScrubOptions, scrubValue } from './scrub-value.js';
export { isSecretKey, normalizeKey } from './secret-keys.js';
