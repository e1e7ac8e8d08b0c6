import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  type ConsumerLiveness,
  healthRoutes,
  type ServiceOptions,
  startService,
  stuckAnswer,
} from '../src/index.js';

const idle: ConsumerLiveness = {
  stuck: false,
  deadlineMs: 60_000,
  lastProgressAt: 0,
  oldestInFlightMs: null,
};
const stuck: ConsumerLiveness = {
  stuck: true,
  deadlineMs: 60_000,
  lastProgressAt: 0,
  oldestInFlightMs: 61_000,
};

function testService(options: Partial<ServiceOptions> = {}) {
  return startService({
    name: 'test',
    logLevel: 'silent',
    handleProcessEvents: false,
    exit: () => {},
    ...options,
  });
}

/** A consumer whose liveness the test sets. */
function watched(state: { now: ConsumerLiveness }) {
  return { done: new Promise<void>(() => {}), stop: async () => {}, liveness: () => state.now };
}

describe('liveness', () => {
  it.each([
    { id: 'no consumers', consumers: [], answer: undefined },
    {
      id: 'idle and busy consumers',
      consumers: [idle, { ...idle, oldestInFlightMs: 59_000 }],
      answer: undefined,
    },
    {
      id: 'one stuck consumer',
      consumers: [idle, stuck],
      answer: {
        error: 'FL_RUNTIME_CONSUMER_STUCK',
        message: 'a consumer chunk has been in flight for 61000 ms (deadline 60000 ms)',
        deadlineMs: 60_000,
        oldestInFlightMs: 61_000,
        lastProgressAt: '1970-01-01T00:00:00.000Z',
      },
    },
  ])('stuckAnswer: $id', ({ consumers, answer }) => {
    expect(stuckAnswer(consumers)).toEqual(answer);
  });

  it('a health server fails /healthz with the envelope while a watched consumer is stuck, and recovers', async () => {
    const service = testService();
    const state = { now: idle };
    service.consumer(watched(state));
    const server = await service.listenHealth({ host: '127.0.0.1', port: 0 }, []);
    try {
      expect((await server.inject('/healthz')).statusCode).toBe(200);
      state.now = stuck;
      const refused = await server.inject('/healthz');
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ error: 'FL_RUNTIME_CONSUMER_STUCK', oldestInFlightMs: 61_000 });
      state.now = idle;
      expect((await server.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('an app that registers healthRoutes with service.liveness gets the same refusal, ready before listen', async () => {
    const service = testService();
    const state = { now: stuck };
    service.consumer(watched(state));
    const app = Fastify();
    await app.register(healthRoutes, { registry: service.registry, liveness: service.liveness });
    app.get('/other', async () => ({ fine: true }));
    // Every service's build-app readies its app; listen() must not need to change it afterwards.
    await app.ready();
    await service.listen(app, { host: '127.0.0.1', port: 0 });
    try {
      expect((await app.inject('/healthz')).json()).toMatchObject({ error: 'FL_RUNTIME_CONSUMER_STUCK' });
      expect((await app.inject('/other')).statusCode).toBe(200);
      state.now = idle;
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
