import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so secret scanners and logs can recognise one. */
export const TOKEN_PREFIX = 'flt_';
const TOKEN_ID_LENGTH = 12;
const SECRET_BYTES = 32;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `flt_<tokenId>_<43 base64url chars>`: the tokenId is alphanumeric, so the first `_` after the prefix ends it. */
const SECRET_SHAPE = /^flt_([A-Za-z0-9]{1,32})_([A-Za-z0-9_-]{43})$/;

export interface NewToken {
  /** Public id, stored and shown in lists (the TokenRecord's `tokenId`). */
  tokenId: string;
  /** The whole secret, shown once to whoever created it and never stored. */
  secret: string;
  /** Hex SHA-256 of `secret`: what the TokenRecord keeps. */
  sha256: string;
}

/** A fresh API token: 12 random alphanumerics as id, 32 random bytes as secret. */
export function newToken(): NewToken {
  const tokenId = randomAlphanumeric(TOKEN_ID_LENGTH);
  const secret = `${TOKEN_PREFIX}${tokenId}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { tokenId, secret, sha256: tokenSha256(secret) };
}

/** Hex SHA-256 of a presented secret. A plain hash suffices: the secret has 256 random bits. */
export function tokenSha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The tokenId inside a well-formed secret, or undefined when the string is not one of ours. */
export function tokenIdOf(secret: string): string | undefined {
  return SECRET_SHAPE.exec(secret)?.[1];
}

function randomAlphanumeric(length: number): string {
  // 62 symbols: rejecting bytes >= 248 keeps every symbol equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}
