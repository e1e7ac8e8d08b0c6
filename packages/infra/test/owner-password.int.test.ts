import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApp, startAdminApp } from '../../../services/metrics/test/support/admin-app.js';
import { ensureOwnerPassword } from '../src/stack/owner-password.js';

/** `pnpm start`'s owner step against the metrics admin API: a password once, then never again. */
describe('owner bootstrap', () => {
  let stack: AdminApp;
  beforeAll(async () => {
    stack = await startAdminApp();
  }, 60_000);
  afterAll(() => stack?.stop());

  it('prints a one-time password on the first start only', async () => {
    const first = await ensureOwnerPassword(stack.url, stack.ownerToken);
    expect(first).toEqual({ email: 'owner@example.com', password: expect.stringMatching(/^[\w-]{24}$/) });
    expect(await ensureOwnerPassword(stack.url, stack.ownerToken)).toBeUndefined();
    expect(stack.view.list('user').filter((u) => u.owner)).toHaveLength(1);
  });
});
