import { tokenIdOf, tokenSha256 } from '@faultline/access';
import { SCHEMA_VERSION, type TokenRecord, type UserRecord } from '@faultline/contracts';
import type { AccessRecords, AccessWriter } from './access-writer.js';
import { findToken, recordsOf } from './directory.js';

export const OWNER_USER_ID = 'owner';

export interface BootstrapOwnerOptions {
  records: AccessRecords;
  writer: AccessWriter;
  email: string;
  /** The owner's API token secret (`pnpm start` keeps it in local-secrets.json); empty: none. */
  ownerToken: string;
  now: Date;
}

/**
 * First start: an owner user (no password yet; `pnpm start` sets and prints one) and, given its
 * secret, the owner's admin token on every project. Idempotent: an existing owner (any user with
 * `owner`) and an existing token id are left alone, even if that token was revoked since.
 */
export async function bootstrapOwner(options: BootstrapOwnerOptions): Promise<{ created: string[] }> {
  const { records, writer } = options;
  const at = options.now.toISOString();
  const created: string[] = [];
  const owner = recordsOf(records, 'user').find((user) => user.owner);
  if (!owner) {
    const user: UserRecord = {
      schemaVersion: SCHEMA_VERSION,
      kind: 'user',
      userId: OWNER_USER_ID,
      email: options.email,
      name: 'Owner',
      owner: true,
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    await writer.put(user);
    created.push(`user:${user.userId}`);
  }
  if (options.ownerToken) {
    const tokenId = tokenIdOf(options.ownerToken);
    if (!tokenId) throw new Error('admin.ownerToken is not a Faultline token (flt_<id>_<secret>)');
    if (!findToken(records, tokenId)) {
      const token: TokenRecord = {
        schemaVersion: SCHEMA_VERSION,
        kind: 'token',
        tokenId,
        sha256: tokenSha256(options.ownerToken),
        name: 'local owner token',
        userId: owner?.userId ?? OWNER_USER_ID,
        projects: ['*'],
        scope: 'admin',
        createdAt: at,
        createdBy: 'bootstrap',
      };
      await writer.put(token);
      created.push(`token:${tokenId}`);
    }
  }
  return { created };
}
