export { default as resolutionApp, type ResolutionAppOptions } from './api/app.js';
export { buildResolutionApp } from './api/build-app.js';
export { loadResolutionConfig, ResolutionConfig } from './config.js';
export { ResolutionError, type ResolutionErrorCode } from './errors.js';
export { investigate } from './investigation/investigate.js';
export { type Resolution, startResolution } from './start-resolution.js';
export { resolutionTopicSpecs } from './topics.js';
