import {
  type AccessView,
  type RunningAccessView,
  startAccessView,
  tokenIdOf,
  tokenSha256,
  verifyPassword,
} from '@faultline/access';
import type {
  MembersAnswer,
  NewTokenAnswer,
  NewUserAnswer,
  TokensAnswer,
  UsersAnswer,
} from '@faultline/api-contracts';
import type { AuditRecord } from '@faultline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessWriter } from '../../src/admin/access-writer.js';
import { bootstrapOwner } from '../../src/admin/bootstrap-owner.js';
import { type AdminApp, startAdminApp } from '../support/admin-app.js';
import { logger } from '../support/database.js';
import { waitFor } from '../support/infra.js';

/**
 * The admin API against real Kafka and ClickHouse: what it writes to `access` is what a separate
 * AccessView (as every other service runs) sees; tokens are shown once and stored as SHA-256;
 * revoking refuses the token; each change reaches audit_log with its actor.
 */
describe('admin API', () => {
  let stack: AdminApp;
  /** Another service's view of the same topic. */
  let other: RunningAccessView;
  let otherView: AccessView;

  beforeAll(async () => {
    stack = await startAdminApp();
    other = await startAccessView({
      kafka: stack.kafka,
      topic: stack.topics.access,
      logger,
      groupIdPrefix: 'other',
    });
    await other.view.ready();
    otherView = other.view;
  }, 60_000);

  afterAll(async () => {
    await other?.stop();
    await stack?.stop();
  });

  async function call<T>(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string }> {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  }

  it('refuses anonymous callers (401) and non-owners on owner routes (403)', async () => {
    expect((await call('GET', '/api/v1/admin/users', undefined)).status).toBe(401);
    expect((await call('GET', '/api/v1/admin/users', 'flt_nope_x')).status).toBe(401);
    const machine = await call<NewTokenAnswer>('POST', '/api/v1/projects/p-read/tokens', stack.ownerToken, {
      scope: 'admin',
    });
    expect(machine.status).toBe(201);
    expect((await call('GET', '/api/v1/admin/users', machine.body.token)).status).toBe(403);
    expect((await call('GET', '/api/v1/projects/other/members', machine.body.token)).status).toBe(403);
    expect((await call('GET', '/api/v1/projects/p-read/members', machine.body.token)).status).toBe(200);
  });

  it('adds a user with a password shown once, seen by another service with its scrypt hash; list shows no hash', async () => {
    const added = await call<NewUserAnswer>('POST', '/api/v1/admin/users', stack.ownerToken, {
      email: 'alice@example.com',
      name: 'Alice',
    });
    expect(added.status, added.text).toBe(201);
    const { user, password } = added.body;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await waitFor(() => otherView.user(user.userId) !== undefined, 5000, 'the other view to see the change');
    const seen = otherView.user(user.userId);
    expect(seen?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(password as string, seen?.passwordHash as string)).toBe(true);

    const listed = await call<UsersAnswer>('GET', '/api/v1/admin/users', stack.ownerToken);
    expect(listed.body.users.map((u) => u.email)).toEqual(['alice@example.com', 'owner@example.com']);
    expect(listed.text).not.toContain('scrypt');
    expect(listed.text).not.toContain(password);

    const again = await call('POST', '/api/v1/admin/users', stack.ownerToken, { email: 'ALICE@example.com' });
    expect(again.status).toBe(409);
  });

  it('lets a project admin manage its members and tokens, not another project nor users', async () => {
    const bob = (
      await call<NewUserAnswer>('POST', '/api/v1/admin/users', stack.ownerToken, {
        email: 'bob@example.com',
        signIn: 'oidc',
      })
    ).body;
    expect(bob.password).toBeUndefined();
    const carol = (
      await call<NewUserAnswer>('POST', '/api/v1/admin/users', stack.ownerToken, {
        email: 'carol@example.com',
      })
    ).body.user;
    const made = await call('POST', '/api/v1/projects/shop/members', stack.ownerToken, {
      principal: { userId: bob.user.userId },
      role: 'admin',
    });
    expect(made.status, made.text).toBe(200);
    // Bob's own token (the owner makes it for him): capped by his role, admin on shop only.
    const bobs = await call<NewTokenAnswer>('POST', '/api/v1/tokens', stack.ownerToken, {
      projects: ['*'],
      scope: 'admin',
      userId: bob.user.userId,
    });
    expect(bobs.status, bobs.text).toBe(201);
    const asBob = bobs.body.token;

    const member = await call('POST', '/api/v1/projects/shop/members', asBob, {
      principal: { userId: carol.userId },
      role: 'viewer',
    });
    expect(member.status, member.text).toBe(200);
    const changed = await call('POST', '/api/v1/projects/shop/members', asBob, {
      principal: { userId: carol.userId },
      role: 'responder',
    });
    expect(changed.status).toBe(200);
    const members = await call<MembersAnswer>('GET', '/api/v1/projects/shop/members', asBob);
    expect(members.body.members).toEqual([
      { projectId: 'shop', principal: { userId: bob.user.userId }, role: 'admin', name: 'bob@example.com' },
      {
        projectId: 'shop',
        principal: { userId: carol.userId },
        role: 'responder',
        name: 'carol@example.com',
      },
    ]);
    expect(otherView.roleOf({ userId: carol.userId }, 'shop')).toBe('responder');

    expect((await call('POST', '/api/v1/projects/shop/tokens', asBob, { scope: 'read' })).status).toBe(201);
    expect((await call('POST', '/api/v1/projects/billing/tokens', asBob, { scope: 'read' })).status).toBe(
      403,
    );
    expect((await call('POST', '/api/v1/admin/users', asBob, { email: 'eve@example.com' })).status).toBe(403);
    expect((await call('POST', '/api/v1/tokens', asBob, { projects: ['*'], scope: 'admin' })).status).toBe(
      403,
    );

    const removed = await call('DELETE', `/api/v1/projects/shop/members/users/${carol.userId}`, asBob);
    expect(removed.status).toBe(200);
    await waitFor(
      () => otherView.roleOf({ userId: carol.userId }, 'shop') === undefined,
      5000,
      'the other view to see the change',
    );
  });

  it('shows a token once, stores only its SHA-256, lists it without secrets, and refuses it once revoked', async () => {
    const created = await call<NewTokenAnswer>('POST', '/api/v1/projects/grafana/tokens', stack.ownerToken, {
      scope: 'admin',
      name: 'grafana',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const { token, tokenId } = created.body;
    expect(token).toMatch(new RegExp(`^flt_${tokenId}_[A-Za-z0-9_-]{43}$`));
    await waitFor(() => otherView.token(tokenId) !== undefined, 5000, 'the other view to see the change');
    const stored = otherView.token(tokenId);
    expect(stored?.sha256).toBe(tokenSha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored).toMatchObject({ projects: ['grafana'], scope: 'admin', createdBy: 'owner' });

    expect((await call('GET', '/api/v1/projects/grafana/members', token)).status).toBe(200);
    const listed = await call<TokensAnswer>('GET', '/api/v1/projects/grafana/tokens', stack.ownerToken);
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toContain(stored?.sha256);
    const view = listed.body.tokens.find((t) => t.tokenId === tokenId);
    expect(view).toMatchObject({ name: 'grafana', scope: 'admin', projects: ['grafana'] });
    expect(view?.lastUsedAt).toBeDefined();

    const revoked = await call('DELETE', `/api/v1/projects/grafana/tokens/${tokenId}`, stack.ownerToken);
    expect(revoked.status).toBe(200);
    await waitFor(
      () => otherView.token(tokenId)?.revokedAt !== undefined,
      5000,
      'the other view to see the change',
    );
    expect(otherView.identityFromToken(token)).toEqual({ ok: false, reason: 'token revoked' });
    expect((await call('GET', '/api/v1/projects/grafana/members', token)).status).toBe(401);
    expect((await call('DELETE', `/api/v1/projects/shop/tokens/${tokenId}`, stack.ownerToken)).status).toBe(
      404,
    );
  });

  it('removes a user with its memberships and revokes its tokens', async () => {
    const dave = (
      await call<NewUserAnswer>('POST', '/api/v1/admin/users', stack.ownerToken, {
        email: 'dave@example.com',
      })
    ).body.user;
    expect(
      (await call('POST', '/api/v1/admin/teams', stack.ownerToken, { teamId: 'payment-team' })).status,
    ).toBe(201);
    expect(
      (await call('PUT', `/api/v1/admin/teams/payment-team/members/${dave.userId}`, stack.ownerToken)).status,
    ).toBe(200);
    await call('POST', '/api/v1/projects/pay/members', stack.ownerToken, {
      principal: { teamId: 'payment-team' },
      role: 'responder',
    });
    await waitFor(
      () => otherView.roleOf({ userId: dave.userId }, 'pay') === 'responder',
      5000,
      'the other view to see the change',
    );
    const token = (
      await call<NewTokenAnswer>('POST', '/api/v1/tokens', stack.ownerToken, {
        projects: ['pay'],
        scope: 'respond',
        userId: dave.userId,
      })
    ).body;
    const removed = await call('DELETE', `/api/v1/admin/users/${dave.userId}`, stack.ownerToken);
    expect(removed.body).toEqual({ userId: dave.userId, memberships: 0, teams: 1, tokensRevoked: 1 });
    await waitFor(() => otherView.user(dave.userId) === undefined, 5000, 'the other view to see the change');
    expect(otherView.identityFromToken(token.token).ok).toBe(false);
    expect((await call('DELETE', '/api/v1/admin/users/owner', stack.ownerToken)).status).toBe(400);
  });

  it('carries every change into audit_log with the actor, readable by project admins and the owner', async () => {
    const created = await call<NewTokenAnswer>('POST', '/api/v1/projects/audited/tokens', stack.ownerToken, {
      scope: 'admin',
    });
    const machine = created.body.token;
    // A change made by the machine token: its actor is the token.
    await call('POST', '/api/v1/projects/audited/tokens', machine, { scope: 'read', name: 'by machine' });
    let entries: AuditRecord[] = [];
    await waitFor(
      async () => {
        entries = (await call<{ entries: AuditRecord[] }>('GET', '/api/v1/projects/audited/audit', machine))
          .body.entries;
        return entries.length === 2;
      },
      15_000,
      'both audit records in audit_log',
    );
    const [byMachine, byOwner] = entries;
    expect(byOwner).toMatchObject({
      action: 'token.create',
      projectId: 'audited',
      actor: { kind: 'user', id: 'owner', name: 'Owner' },
      via: { tokenId: tokenIdOf(stack.ownerToken) },
      target: created.body.tokenId,
    });
    expect(byMachine).toMatchObject({
      action: 'token.create',
      actor: { kind: 'token', id: created.body.tokenId },
      via: { tokenId: created.body.tokenId },
      ip: '127.0.0.1',
    });
    expect(
      await stack.db.count(
        "SELECT count() FROM audit_log WHERE project_id = 'audited' AND actor_id = 'owner'",
      ),
    ).toBe(1);

    const instance = await call<{ entries: AuditRecord[] }>(
      'GET',
      '/api/v1/audit?project=-&action=user.create',
      stack.ownerToken,
    );
    expect(instance.body.entries.map((e) => e.details?.email)).toContain('alice@example.com');
    expect((await call('GET', '/api/v1/audit', machine)).status).toBe(403);
    expect((await call('GET', '/api/v1/projects/other/audit', machine)).status).toBe(403);
  });

  it('bootstraps the owner once: a second start creates nothing', async () => {
    const writer = createAccessWriter({
      producer: stack.producer,
      topic: stack.topics.access,
      records: stack.records,
    });
    const again = await bootstrapOwner({
      records: stack.records,
      writer,
      email: 'owner@example.com',
      ownerToken: stack.ownerToken,
      now: new Date(),
    });
    expect(again.created).toEqual([]);
    const owners = otherView.list('user').filter((u) => u.owner);
    expect(owners.map((u) => u.userId)).toEqual(['owner']);
    expect(
      otherView.list('token').filter((t) => t.userId === 'owner' && t.projects.includes('*')),
    ).toHaveLength(1);
  });
});
