import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

/** One Redis connection for the app, closed with it. */
export default fp<{ url: string }>(
  async (app, { url }) => {
    // Commands fail fast while Redis is away instead of queueing behind a request's back.
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    await redis.connect();
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'faultline-redis', fastify: '5.x' },
);
