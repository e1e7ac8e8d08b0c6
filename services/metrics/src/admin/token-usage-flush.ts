import { randomUUID } from 'node:crypto';
import { type AuditRecord, auditKey, auditRecordCodec, SCHEMA_VERSION } from '@faultline/contracts';
import type { BatchingProducer } from '@faultline/kafka';
import type { AccessRecords } from './access-writer.js';
import { findToken } from './directory.js';
import type { TokenUsage } from './token-usage.js';

/** One `token.use` audit record per token used since the last flush, carrying its latest use. */
export async function flushTokenUsage(
  usage: TokenUsage,
  records: AccessRecords,
  producer: Pick<BatchingProducer, 'send'>,
  topic: string,
): Promise<number> {
  const used = usage.takeUnflushed();
  await Promise.all(
    [...used].map(([tokenId, at]) => {
      const record: AuditRecord = {
        schemaVersion: SCHEMA_VERSION,
        auditId: randomUUID(),
        at: at.toISOString(),
        actor: { kind: 'token', id: tokenId, name: findToken(records, tokenId)?.name ?? '' },
        via: { tokenId },
        action: 'token.use',
      };
      return producer.send(topic, { key: auditKey(record), value: auditRecordCodec.encode(record) });
    }),
  );
  return used.size;
}
