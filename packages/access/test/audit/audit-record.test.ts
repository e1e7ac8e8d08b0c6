import { auditRecordCodec } from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  AccessView,
  ANONYMOUS,
  type AuditProducer,
  buildAuditRecord,
  createAuditor,
  type Identity,
  newSessionId,
} from '../../src/index.js';
import { member, token, user } from '../support/records.js';

const AT = new Date('2026-11-29T05:32:00.000Z');
const machine = token({ projects: ['checkout'], scope: 'respond', name: 'pager bridge' });
const personal = token({ userId: 'alice', projects: ['*'], scope: 'respond' });
const view = AccessView.of([
  user('alice', { name: 'Alice Smith' }),
  member('checkout', { userId: 'alice' }, 'responder'),
  machine.record,
  personal.record,
]);
const sessionId = newSessionId();

function identity(result: ReturnType<AccessView['identityFromToken']>): Identity {
  if (!result.ok) throw new Error(result.reason);
  return result.identity;
}

describe('buildAuditRecord', () => {
  it.each([
    {
      name: 'a person through a session',
      who: identity(
        view.identityFromSession({ userId: 'alice', sessionId, expiresAt: new Date(Date.now() + 60_000) }),
      ),
      actor: { kind: 'user', id: 'alice', name: 'Alice Smith' },
      via: { sessionId },
    },
    {
      name: "a person through the person's token",
      who: identity(view.identityFromToken(personal.secret)),
      actor: { kind: 'user', id: 'alice', name: 'Alice Smith' },
      via: { tokenId: personal.record.tokenId },
    },
    {
      name: 'a machine token',
      who: identity(view.identityFromToken(machine.secret)),
      actor: { kind: 'token', id: machine.record.tokenId, name: 'pager bridge' },
      via: { tokenId: machine.record.tokenId },
    },
  ])('$name', ({ who, actor, via }) => {
    const record = buildAuditRecord(
      who,
      '10.0.0.7',
      'alert.acknowledge',
      { projectId: 'checkout', target: 'a1' },
      AT,
      'audit1',
    );
    expect(record).toEqual({
      schemaVersion: 1,
      auditId: 'audit1',
      at: '2026-11-29T05:32:00.000Z',
      actor,
      via,
      ip: '10.0.0.7',
      action: 'alert.acknowledge',
      projectId: 'checkout',
      target: 'a1',
    });
    expect(auditRecordCodec.check(record).ok).toBe(true);
  });

  it('bounds details and leaves out what is not given', () => {
    const who = identity(view.identityFromToken(machine.secret));
    const details = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(2000)]));
    const record = buildAuditRecord(who, undefined, 'silence.create', { details }, AT);
    expect(Object.keys(record.details ?? {})).toHaveLength(32);
    expect(record.details?.k0).toHaveLength(1024);
    expect(record).not.toHaveProperty('ip');
    expect(record).not.toHaveProperty('projectId');
    expect(record.auditId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(auditRecordCodec.check(record).ok).toBe(true);
  });

  it('refuses an anonymous actor', () => {
    expect(() => buildAuditRecord(ANONYMOUS, undefined, 'alert.acknowledge', {}, AT)).toThrow(/anonymous/);
  });
});

describe('createAuditor', () => {
  it('sends the record to the topic keyed by project, or - for instance-wide changes', async () => {
    const sent: { topic: string; key: string; value: Buffer }[] = [];
    const auditor = createAuditor(
      { send: async (topic, message) => sent.push({ topic, ...message }) },
      'faultline.audit',
      () => AT,
    );
    const request = {
      identity: identity(view.identityFromToken(machine.secret)),
      ip: '127.0.0.1',
    } as FastifyRequest;
    await auditor.audit(request, 'alert.acknowledge', { projectId: 'checkout', target: 'a1' });
    await auditor.audit(request, 'token.create', { target: 'tok1' });
    expect(sent.map(({ topic, key }) => [topic, key])).toEqual([
      ['faultline.audit', 'checkout'],
      ['faultline.audit', '-'],
    ]);
    const decoded = auditRecordCodec.decode(sent[0]?.value);
    expect(decoded.ok && decoded.value.actor.id).toBe(machine.record.tokenId);
  });

  it("takes @faultline/kafka's batching producer as it is", () => {
    const producer = undefined as unknown as BatchingProducer;
    const accepted: AuditProducer = producer;
    expect(accepted).toBeUndefined();
  });

  it('refuses an action that is not a dotted verb before sending anything', async () => {
    const sent: unknown[] = [];
    const auditor = createAuditor({ send: async (_t, m) => sent.push(m) }, 'faultline.audit');
    const request = {
      identity: identity(view.identityFromToken(machine.secret)),
      ip: '127.0.0.1',
    } as FastifyRequest;
    await expect(auditor.audit(request, 'Acknowledge')).rejects.toThrow(/audit record refused/);
    expect(sent).toHaveLength(0);
  });
});
