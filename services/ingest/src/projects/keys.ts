import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 hex digits: Sentry SDKs accept only `\w+` as a DSN's public key. */
export function newPublicKey(): string {
  return randomBytes(16).toString('hex');
}

/** Keys are stored as their SHA-256 only, so a Redis dump reveals no usable key. */
export function hashKey(publicKey: string): string {
  return createHash('sha256').update(publicKey).digest('hex');
}

/** Constant-time comparison of two hex SHA-256 digests. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/** `http://<publicKey>@host:port/<projectId>`: what a Sentry SDK (or ours) is configured with. */
export function buildDsn(publicUrl: string, publicKey: string, projectId: string): string {
  const url = new URL(publicUrl);
  url.username = publicKey;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${projectId}`;
  return url.toString();
}
