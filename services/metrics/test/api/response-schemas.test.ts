import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsRegistry } from '@faultline/observability';
import Fastify from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { memoryAccess } from '../../../../test/support/access.js';
import { routeRecorder } from '../../../../test/support/route-schemas.js';
import metricsApp from '../../src/api/app.js';
import { LiveHub } from '../../src/dashboard/index.js';

const built = mkdtempSync(join(tmpdir(), 'fl-web-'));
writeFileSync(join(built, 'index.html'), '<!doctype html>');
afterAll(() => rmSync(built, { recursive: true, force: true }));

it.each([
  { id: 'the page built', webRoot: built },
  { id: 'the page not built', webRoot: join(built, 'missing') },
])(
  'every route of metrics (analytics, admin, audit, dashboard, health) declares its success answer, $id',
  async ({ webRoot }) => {
    const app = Fastify();
    const routes = routeRecorder();
    app.addHook('onRoute', routes.record);
    // Registering calls none of the dependencies; they only have to be there.
    const unused = {} as never;
    await app.register(metricsApp, {
      clickhouse: unused,
      registry: createMetricsRegistry('metrics'),
      access: memoryAccess([]).access,
      dashboard: {
        hub: new LiveHub(),
        sendCommand: async () => {},
        webRoot,
        resolutionUrl: 'http://r.test',
        audit: unused,
      },
      admin: {
        records: unused,
        writer: unused,
        audit: unused,
        usage: unused,
        now: unused,
      },
    });
    await app.ready();
    expect(routes.undeclared()).toEqual([]);
    await app.close();
  },
);
