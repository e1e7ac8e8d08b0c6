import type { GcraLimit } from '../rate-limit/gcra.js';

export interface ProjectKey {
  /** SHA-256 of the public key, hex. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export interface Project {
  /** Digits only: Sentry SDKs require a numeric project id in the DSN. */
  id: string;
  name: string;
  createdAt: string;
  /** Origins browsers may report from; `*` allows any. */
  allowedOrigins: string[];
  /** Overrides the service default when set. */
  rateLimit?: GcraLimit;
  keys: ProjectKey[];
}

export function activeKeys(project: Project): ProjectKey[] {
  return project.keys.filter((key) => key.revokedAt === undefined);
}

export function originAllowed(project: Pick<Project, 'allowedOrigins'>, origin: string): boolean {
  return project.allowedOrigins.includes('*') || project.allowedOrigins.includes(origin);
}
