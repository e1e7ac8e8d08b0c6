import { type AuditRecord, auditKey, auditRecordCodec } from '@faultline/contracts';
import type { FastifyRequest } from 'fastify';
import { type AuditFields, buildAuditRecord } from './audit-record.js';

/** The part of @faultline/kafka's BatchingProducer the auditor uses. */
export interface AuditProducer {
  send(topic: string, message: { key: string; value: Buffer }): Promise<unknown>;
}

export interface Auditor {
  /**
   * Appends the record of a change to the audit topic; call it after the change succeeded and
   * await it (a change whose audit record cannot be written should fail like any other write).
   */
  audit(request: FastifyRequest, action: string, fields?: AuditFields): Promise<AuditRecord>;
}

/** An auditor writing to `topic` (the prefixed `audit` topic) through the service's producer. */
export function createAuditor(
  producer: AuditProducer,
  topic: string,
  clock: () => Date = () => new Date(),
): Auditor {
  return {
    async audit(request, action, fields = {}) {
      const record = buildAuditRecord(request.identity, request.ip, action, fields, clock());
      const checked = auditRecordCodec.check(record);
      if (!checked.ok) throw new Error(`audit record refused: ${checked.reason}`);
      await producer.send(topic, { key: auditKey(record), value: auditRecordCodec.encode(record) });
      return record;
    },
  };
}
