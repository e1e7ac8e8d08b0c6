export * from './fingerprint.js';
export * from './normalize-frame.js';
export * from './normalize-message.js';
