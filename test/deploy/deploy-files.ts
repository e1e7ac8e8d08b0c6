/** Reads deploy/ for the validation tests: YAML documents, the services' config schemas, env resolution. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envBindings, type loadConfig } from '@faultline/config';
import { parseAllDocuments } from 'yaml';
import { FAULTLINE_SERVICES } from '../../packages/infra/src/stack/faultline-services.js';
import { AlerterConfig } from '../../services/alerter/src/config.js';
import { CategorizerConfig } from '../../services/categorizer/src/config.js';
import { DetectorConfig } from '../../services/detector/src/config.js';
import { IngestConfig } from '../../services/ingest/src/config.js';
import { MetricsConfig } from '../../services/metrics/src/config.js';
import { ResolutionConfig } from '../../services/resolution/src/config.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');
export const deployPath = (...parts: string[]) => path.join(DEPLOY_DIR, ...parts);

export const SERVICES = FAULTLINE_SERVICES.map(({ name, port }) => ({ name, port }));

/** A service's config schema, as @faultline/config's loadConfig takes it. */
export type ConfigSchema = Parameters<typeof loadConfig>[0];

export const CONFIG_SCHEMAS: Record<string, ConfigSchema> = {
  ingest: IngestConfig,
  categorizer: CategorizerConfig,
  detector: DetectorConfig,
  alerter: AlerterConfig,
  metrics: MetricsConfig,
  resolution: ResolutionConfig,
};

/** Topics each consumer reads (the services' READMEs): replicas beyond their partitions idle. */
export const CONSUMED_TOPICS: Record<string, string[]> = {
  categorizer: ['errors.raw'],
  detector: ['errors.categorized', 'alert-events'],
  alerter: ['alerts', 'alert-commands'],
  metrics: ['errors.categorized', 'alert-events', 'tickets'],
  resolution: ['errors.categorized'],
};

// biome-ignore lint/suspicious/noExplicitAny: parsed manifests are untyped YAML; the tests assert their shape.
export type Doc = Record<string, any>;

export function readYamlDocs(file: string): Doc[] {
  // merge: compose.yaml shares blocks with `<<: *anchor`, as Docker Compose reads it.
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
  }
  return docs.map((doc) => doc.toJS({ maxAliasCount: 100 }) as Doc).filter((doc) => doc != null);
}

export function readYaml(file: string): Doc {
  const [doc] = readYamlDocs(file);
  if (!doc) throw new Error(`${file}: empty`);
  return doc;
}

/** KEY=value lines, comments and blanks skipped (docker compose .env and kustomize envs files). */
export function readEnvFile(file: string): Record<string, string> {
  const entries: [string, string][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) entries.push([match[1] as string, match[2] as string]);
  }
  return Object.fromEntries(entries);
}

/** Every variable name a service's config reads (FAULTLINE_<PATH> and the conventional aliases). */
export function configVariables(schema: ConfigSchema): Set<string> {
  return new Set(['FAULTLINE_CONFIG', ...envBindings(schema).flatMap((binding) => binding.names)]);
}

/** Variables a container may carry that are not Faultline config. */
export const NON_CONFIG_VARIABLES = new Set(['NODE_ENV', 'NODE_OPTIONS']);
