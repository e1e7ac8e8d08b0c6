import { createRedis, type RedisClient, type RedisConnection } from '@faultline/redis';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisClient;
  }
}

/** One Redis (or Redis Cluster) client for the app, closed with it. */
export default fp<RedisConnection>(
  async (app, connection) => {
    // Commands fail fast while Redis is away instead of queueing behind a request's back.
    const redis = createRedis(connection, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    await redis.connect();
    app.decorate<RedisClient>('redis', redis);
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'faultline-redis', fastify: '5.x' },
);
