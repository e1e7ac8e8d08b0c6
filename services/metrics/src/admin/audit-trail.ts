import { randomUUID } from 'node:crypto';
import { type AuditRecord, auditKey, auditRecordCodec, SCHEMA_VERSION } from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import type { FastifyRequest } from 'fastify';
import { identityOf } from './identity-seam.js';

export type AuditFields = Pick<AuditRecord, 'projectId' | 'target' | 'details'>;

/** Appends one AuditRecord per change, the actor taken from the verified identity. */
export type Audit = (request: FastifyRequest, action: string, fields?: AuditFields) => Promise<void>;

/** TEMPORARY until @faultline/access's createAuditor is merged: same contract. */
export function createAudit(producer: Pick<BatchingProducer, 'send'>, topic: string, now = () => new Date()): Audit {
  return async (request, action, fields = {}) => {
    const identity = identityOf(request);
    const record: AuditRecord = {
      schemaVersion: SCHEMA_VERSION,
      auditId: randomUUID(),
      at: now().toISOString(),
      actor:
        identity.kind === 'machine'
          ? { kind: 'token', id: identity.tokenId ?? 'unknown', name: identity.name }
          : { kind: 'user', id: identity.userId ?? 'unknown', name: identity.name },
      via: {
        ...(identity.sessionId ? { sessionId: identity.sessionId } : {}),
        ...(identity.tokenId ? { tokenId: identity.tokenId } : {}),
      },
      ip: request.ip,
      action,
      ...fields,
    };
    await producer.send(topic, { key: auditKey(record), value: auditRecordCodec.encode(record) });
  };
}
