export { default as ingestApp, type IngestAppOptions } from './app.js';
export { buildIngestApp } from './build-app.js';
export { IngestConfig, loadIngestConfig } from './config.js';
export { IngestError, type IngestErrorCode, isIngestError } from './errors.js';
export { buildDsn } from './projects/keys.js';
export type { Project } from './projects/project.js';
export { type CreatedProject, ProjectStore } from './projects/project-store.js';
