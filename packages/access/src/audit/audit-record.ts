import { randomBytes } from 'node:crypto';
import type { AuditRecord } from '@faultline/contracts';
import type { Identity } from '../model/identity.js';

export interface AuditFields {
  projectId?: string;
  /** What was changed: an alertId, ticketId, tokenId, userId. */
  target?: string;
  /** Short facts about the change (never secrets); values longer than 1024 characters are cut. */
  details?: Record<string, string>;
}

const MAX_DETAILS = 32;
const MAX_DETAIL_LENGTH = 1024;

/**
 * The audit record of a change made by `identity`: a person (through a session or one of the
 * person's tokens) is the actor `user`, a machine token the actor `token`; `via` names the
 * session or token used. Anonymous identities make no changes, so they cannot be audited.
 */
export function buildAuditRecord(
  identity: Identity,
  ip: string | undefined,
  action: string,
  fields: AuditFields,
  at: Date,
  auditId: string = newAuditId(),
): AuditRecord {
  const actor = actorOf(identity);
  const via =
    identity.sessionId !== undefined
      ? { sessionId: identity.sessionId }
      : identity.tokenId !== undefined
        ? { tokenId: identity.tokenId }
        : undefined;
  const record: AuditRecord = { schemaVersion: 1, auditId, at: at.toISOString(), actor, action };
  if (via) record.via = via;
  if (ip) record.ip = ip.slice(0, 64);
  if (fields.projectId !== undefined) record.projectId = fields.projectId;
  if (fields.target !== undefined) record.target = fields.target.slice(0, 256);
  if (fields.details !== undefined) record.details = boundedDetails(fields.details);
  return record;
}

function actorOf(identity: Identity): AuditRecord['actor'] {
  const name = identity.name.slice(0, 256);
  if (identity.kind === 'user' && identity.userId !== undefined)
    return { kind: 'user', id: identity.userId, name };
  if (identity.kind === 'machine' && identity.tokenId !== undefined)
    return { kind: 'token', id: identity.tokenId, name };
  throw new Error('an anonymous request cannot be the actor of a change');
}

function boundedDetails(details: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(details).slice(0, MAX_DETAILS))
    out[key.slice(0, 64)] = value.slice(0, MAX_DETAIL_LENGTH);
  return out;
}

function newAuditId(): string {
  return randomBytes(16).toString('base64url');
}
