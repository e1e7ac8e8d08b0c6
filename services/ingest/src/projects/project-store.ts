import type { RedisClient } from '@faultline/redis';
import { IngestError } from '../errors.js';
import type { GcraLimit } from '../rate-limit/gcra.js';
import { hashKey, newPublicKey, sameHash } from './keys.js';
import { activeKeys, type Project, type ProjectKey } from './project.js';

const KEY_FIELD = 'key:';

export interface CreatedProject {
  project: Project;
  /** Shown once: only its hash is stored. */
  publicKey: string;
}

/**
 * Projects and their keys in Redis. One hash per project (`{id}` hash tag: everything about
 * a project lives in one slot), plus an index from key hash to project for requests that
 * name only a key. Ingest is the only writer of these keys.
 */
export class ProjectStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private projectKey = (id: string) => `${this.prefix}ingest:project:{${id}}`;
  private keyIndex = (hash: string) => `${this.prefix}ingest:key:${hash}`;
  private get idsKey() {
    return `${this.prefix}ingest:projects`;
  }
  private get sequenceKey() {
    return `${this.prefix}ingest:project-seq`;
  }

  async create(input: {
    name: string;
    allowedOrigins?: string[];
    rateLimit?: GcraLimit;
  }): Promise<CreatedProject> {
    const id = String(await this.redis.incr(this.sequenceKey));
    const createdAt = new Date().toISOString();
    await this.redis.hset(this.projectKey(id), {
      name: input.name,
      createdAt,
      allowedOrigins: JSON.stringify(input.allowedOrigins ?? ['*']),
      ...(input.rateLimit ? { rateLimit: JSON.stringify(input.rateLimit) } : {}),
    });
    await this.redis.sadd(this.idsKey, id);
    const publicKey = await this.addKey(id);
    return { project: (await this.get(id)) as Project, publicKey };
  }

  /** A new key for an existing project (rotation: add one, move clients, revoke the old). */
  async addKey(projectId: string): Promise<string> {
    const publicKey = newPublicKey();
    const hash = hashKey(publicKey);
    const key: ProjectKey = { hash, createdAt: new Date().toISOString() };
    await this.redis.hset(this.projectKey(projectId), `${KEY_FIELD}${hash}`, JSON.stringify(key));
    await this.redis.set(this.keyIndex(hash), projectId);
    return publicKey;
  }

  async get(id: string): Promise<Project | undefined> {
    const fields = await this.redis.hgetall(this.projectKey(id));
    if (fields.name === undefined) return undefined;
    const keys = Object.entries(fields)
      .filter(([field]) => field.startsWith(KEY_FIELD))
      .map(([, value]) => JSON.parse(value) as ProjectKey);
    return {
      id,
      name: fields.name,
      createdAt: fields.createdAt ?? '',
      allowedOrigins: JSON.parse(fields.allowedOrigins ?? '["*"]') as string[],
      ...(fields.rateLimit ? { rateLimit: JSON.parse(fields.rateLimit) as GcraLimit } : {}),
      keys,
    };
  }

  async list(): Promise<Project[]> {
    const ids = (await this.redis.smembers(this.idsKey)).sort((a, b) => Number(a) - Number(b));
    const projects = await Promise.all(ids.map((id) => this.get(id)));
    return projects.filter((p): p is Project => p !== undefined);
  }

  /** Revokes every active key of the project; its clients get 403 from then on. Returns how many. */
  async revoke(projectId: string): Promise<number> {
    const project = await this.get(projectId);
    if (!project) throw new IngestError('FL_INGEST_NOT_FOUND', `no project ${projectId}`);
    const revokedAt = new Date().toISOString();
    const active = activeKeys(project);
    if (active.length === 0) return 0;
    await this.redis.hset(
      this.projectKey(projectId),
      Object.fromEntries(
        active.map((key) => [`${KEY_FIELD}${key.hash}`, JSON.stringify({ ...key, revokedAt })]),
      ),
    );
    return active.length;
  }

  /**
   * The project a key opens. `projectId` is the one the URL names (Sentry routes); without it
   * the key index says. Unknown and revoked keys are 403s.
   */
  async authenticate(publicKey: string, projectId?: string): Promise<Project> {
    const hash = hashKey(publicKey);
    const id = projectId ?? (await this.redis.get(this.keyIndex(hash))) ?? undefined;
    const project = id === undefined ? undefined : await this.get(id);
    // Every stored key is compared, in constant time, so timing tells nothing about near misses.
    const matched = project?.keys.filter((key) => sameHash(key.hash, hash)) ?? [];
    const [key] = matched;
    if (!project || !key) throw new IngestError('FL_INGEST_KEY_INVALID', 'unknown project or key');
    if (key.revokedAt !== undefined)
      throw new IngestError('FL_INGEST_KEY_REVOKED', 'this key has been revoked');
    return project;
  }
}
