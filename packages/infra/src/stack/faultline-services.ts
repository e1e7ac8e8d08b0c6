/** The six Faultline services as the supervisor runs them, each from source with tsx. */
export interface ServiceSpec {
  name: string;
  /** Entry point, relative to the repository root. */
  entry: string;
  /** Where its /healthz, /readyz and /metrics answer (and its API, if it has one). */
  port: number;
  /** Environment of this service only, on top of the supervisor's (e.g. its own consumer group). */
  env?: NodeJS.ProcessEnv;
  /** Node's arguments and working folder instead of the entry from source with tsx (a built bundle, as its image runs it). */
  command?: { args: string[]; cwd: string; uid?: number; gid?: number };
}

export const FAULTLINE_SERVICES: readonly ServiceSpec[] = [
  { name: 'ingest', entry: 'services/ingest/src/server.ts', port: 8080 },
  { name: 'categorizer', entry: 'services/categorizer/src/main.ts', port: 8092 },
  { name: 'detector', entry: 'services/detector/src/main.ts', port: 8093 },
  { name: 'alerter', entry: 'services/alerter/src/main.ts', port: 8091 },
  { name: 'metrics', entry: 'services/metrics/src/main.ts', port: 8090 },
  { name: 'resolution', entry: 'services/resolution/src/main.ts', port: 8095 },
];
