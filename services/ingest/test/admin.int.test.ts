import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../test/support/access.js';
import { testInfra } from './support/infra.js';
import { type Harness, startIngest } from './support/ingest-harness.js';

describe('admin API', () => {
  let ingest: Harness;

  beforeAll(async () => {
    ingest = await startIngest(testInfra(), {}, { read: false });
  });
  afterAll(async () => {
    await ingest?.close();
  });

  const admin = (path: string, init: RequestInit = {}, token = ingest.access.owner.secret) =>
    fetch(`${ingest.url}${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });

  const sendEvent = (key: string) =>
    fetch(`${ingest.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        timestamp: new Date().toISOString(),
        level: 'error',
        message: 'admin test',
        source: 'other',
      }),
    });

  it.each([
    { id: 'no token', token: () => '' },
    { id: 'a wrong token', token: () => 'not-the-token' },
    { id: 'a token that only shares a prefix', token: () => ingest.access.owner.secret.slice(0, -1) },
  ])('refuses $id with 401', async ({ token }) => {
    const res = await admin('/admin/projects', {}, token());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'FL_AUTH_REQUIRED' });
  });

  it('lets only the owner create projects, and only a project admin change its keys (403 otherwise)', async () => {
    const created = await admin('/admin/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'theirs' }),
    });
    const project = (await created.json()) as { id: string };
    const responder = await ingest.access.person(project.id, 'responder');
    const otherAdmin = await ingest.access.person('424242', 'admin');
    const projectAdmin = await ingest.access.person(project.id, 'admin');

    const createdByAdmin = await admin(
      '/admin/projects',
      { method: 'POST', body: '{"name":"x"}' },
      projectAdmin.secret,
    );
    expect(createdByAdmin.status).toBe(403);
    expect(await createdByAdmin.json()).toMatchObject({ error: 'FL_FORBIDDEN' });
    for (const token of [responder.secret, otherAdmin.secret])
      expect((await admin(`/admin/projects/${project.id}/keys`, { method: 'POST' }, token)).status).toBe(403);
    expect(
      (await admin(`/admin/projects/${project.id}/keys`, { method: 'POST' }, projectAdmin.secret)).status,
    ).toBe(201);
    // A project admin lists the projects they administer, and no other.
    const listed = (await (await admin('/admin/projects', {}, projectAdmin.secret)).json()) as {
      projects: { id: string }[];
    };
    expect(listed.projects.map((p) => p.id)).toEqual([project.id]);
  });

  it('audits each change with the caller as its actor', async () => {
    const created = await admin('/admin/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'audited' }),
    });
    const project = (await created.json()) as { id: string };
    await admin(`/admin/projects/${project.id}/revoke`, { method: 'POST' });
    const records = await readAudit(ingest.access, 2, (r) => r.projectId === project.id);
    expect(records.map((r) => [r.action, r.actor.id, r.via?.tokenId])).toEqual([
      ['project.create', 'owner', ingest.access.owner.tokenId],
      ['key.revoke', 'owner', ingest.access.owner.tokenId],
    ]);
  });

  it('creates a project whose key works, lists it, adds a key, and revokes every key', async () => {
    const created = await admin('/admin/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'admin-made' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const project = (await created.json()) as { id: string; publicKey: string; dsn: string };
    expect(project.dsn).toBe(`http://${project.publicKey}@127.0.0.1:8080/${project.id}`);
    expect((await sendEvent(project.publicKey)).status).toBe(202);

    const listed = (await (await admin('/admin/projects')).json()) as {
      projects: { id: string; name: string; keys: { fingerprint: string; revokedAt?: string }[] }[];
    };
    const mine = listed.projects.find((p) => p.id === project.id);
    expect(mine?.name).toBe('admin-made');
    // Only fingerprints leave the API, never the key or its full hash.
    expect(JSON.stringify(listed)).not.toContain(project.publicKey);
    expect(mine?.keys[0]?.fingerprint).toMatch(/^[0-9a-f]{12}$/);

    const added = await admin(`/admin/projects/${project.id}/keys`, { method: 'POST' });
    expect(added.status).toBe(201);
    const second = (await added.json()) as { publicKey: string };
    expect((await sendEvent(second.publicKey)).status).toBe(202);

    const revoked = await admin(`/admin/projects/${project.id}/revoke`, { method: 'POST' });
    expect(await revoked.json()).toEqual({ revoked: 2 });
    expect((await sendEvent(project.publicKey)).status).toBe(403);
    expect((await sendEvent(second.publicKey)).status).toBe(403);
  });

  it.each([
    { id: 'an empty name', body: { name: '' }, status: 400 },
    { id: 'an unknown field', body: { name: 'x', owner: 'me' }, status: 400 },
    { id: 'a zero rate', body: { name: 'x', rateLimit: { ratePerSecond: 0, burst: 1 } }, status: 400 },
  ])('refuses to create a project with $id', async ({ body, status }) => {
    const res = await admin('/admin/projects', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(status);
  });

  it('answers 404 for a key of a project that does not exist', async () => {
    const res = await admin('/admin/projects/999999999/keys', { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
