import { createMetricsRegistry } from '@faultline/observability';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { memoryAccess } from '../../../../test/support/access.js';
import { routeRecorder } from '../../../../test/support/route-schemas.js';
import resolutionApp from '../../src/api/app.js';

it('every route of the resolution API declares its success answer', async () => {
  const app = Fastify();
  const routes = routeRecorder();
  app.addHook('onRoute', routes.record);
  // Registering calls none of the dependencies; they only have to be there.
  const unused = {} as never;
  await app.register(resolutionApp, {
    clickhouse: unused,
    registry: createMetricsRegistry('resolution'),
    access: memoryAccess([]).access,
    tickets: { service: unused, store: unused, audit: unused },
    investigation: unused,
  });
  await app.ready();
  expect(routes.undeclared()).toEqual([]);
  await app.close();
});
