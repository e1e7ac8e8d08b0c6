import type { ClickHouseClient } from '@clickhouse/client';
import type { SystemHealth } from '@faultline/api-contracts';
import { createClickHouse, type QueryLimits, readOnlySettings } from '@faultline/clickhouse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestAccess } from '../../../../test/support/access.js';
import { uniqueName } from '../../../../test/support/endpoints.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec } from '../../../../test/support/history-fixtures.js';
import { buildResolutionApp } from '../../src/api/build-app.js';

const GENEROUS: QueryLimits = {
  maxExecutionSeconds: 10,
  maxMemoryBytes: 1_073_741_824,
  maxResultRows: 100_000,
};
const HEALTHY: SystemHealth = {
  status: 'healthy',
  services: [],
  infrastructure: [],
  consumerLag: [],
  host: { memoryUsage: 0, cpuUsage: 0 },
};
const group: GroupSpec = {
  groupId: 'cccccccccccccc01',
  severity: 'high',
  category: 'system',
  component: 'checkout',
  team: 'payment-team',
  message: 'Checkout failed',
};

/** The investigation reads under the query limits: past one it answers a coded 422, never a 500. */
describe('investigation query limits', () => {
  let db: HistoryDatabase;
  const clients: ClickHouseClient[] = [];
  let access: TestAccess;
  const investigateWith = async (limits: QueryLimits) => {
    const client = createClickHouse({
      url: inject('infra').clickhouseUrl,
      database: db.database,
      settings: readOnlySettings(limits),
    });
    clients.push(client);
    const app = await buildResolutionApp({
      clickhouse: client,
      access: access.serviceAccess(),
      investigation: {
        clickhouse: client,
        now: Date.now,
        checkHealth: async () => HEALTHY,
      },
    });
    const answer = await app.inject({
      url: `/api/v1/projects/shop/investigation?groupId=${group.groupId}`,
      headers: access.owner.headers,
    });
    await app.close();
    return answer;
  };

  beforeAll(async () => {
    db = await historyDatabase();
    access = await TestAccess.start({
      topicPrefix: `${uniqueName('it-qlimits')}.`,
      brokers: inject('infra').kafkaBrokers,
    });
    const now = Date.now();
    // Three messages in one component: the similar-errors query answers two rows besides the subject.
    await seedHistory(db.client, 'events', 'errors.categorized', [
      categorized('shop', { ...group, message: 'Checkout refused' }, new Date(now - 90_000).toISOString(), {
        eventId: 'e-0',
      }),
      categorized('shop', group, new Date(now - 60_000).toISOString(), { eventId: 'e-1' }),
      categorized('shop', { ...group, message: 'Checkout timed out' }, new Date(now - 30_000).toISOString(), {
        eventId: 'e-2',
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await access?.stop();
    await db?.drop();
  });

  it('answers within the limits', async () => {
    expect((await investigateWith(GENEROUS)).statusCode).toBe(200);
  });

  it.each([
    { name: 'memory', limits: { ...GENEROUS, maxMemoryBytes: 1 } },
    { name: 'rows', limits: { ...GENEROUS, maxResultRows: 1 } },
  ])('answers 422 FL_RESOLUTION_QUERY_TOO_EXPENSIVE past the $name limit', async ({ name, limits }) => {
    const answer = await investigateWith(limits);
    expect(answer.statusCode).toBe(422);
    expect(answer.json()).toMatchObject({ error: 'FL_RESOLUTION_QUERY_TOO_EXPENSIVE', limit: name });
  });
});
