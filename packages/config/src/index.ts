export * from './config-error.js';
export * from './consumer-config.js';
export * from './env.js';
export * from './load-config.js';
export * from './read-bounds.js';
export * from './runbook-defaults.js';
export * from './sections.js';
