/** A Redis connection setting that cannot work, found before connecting. */
export class RedisConfigError extends Error {
  readonly code = 'FL_ERR_REDIS_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'RedisConfigError';
  }
}
