import { accessRecordCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { newToken, tokenIdOf, tokenSha256 } from '../../src/index.js';

describe('newToken', () => {
  it('makes flt_<tokenId>_<32 random bytes> with the hex SHA-256 of the whole secret', () => {
    const { tokenId, secret, sha256 } = newToken();
    expect(secret).toMatch(/^flt_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`flt_${tokenId}_`)).toBe(true);
    expect(Buffer.from(secret.slice(`flt_${tokenId}_`.length), 'base64url')).toHaveLength(32);
    expect(sha256).toBe(tokenSha256(secret));
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never repeats an id or a secret', () => {
    const tokens = Array.from({ length: 500 }, newToken);
    expect(new Set(tokens.map((t) => t.tokenId)).size).toBe(500);
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(500);
  });

  it('fits the TokenRecord contract', () => {
    const { tokenId, sha256 } = newToken();
    const record = {
      schemaVersion: 1,
      kind: 'token',
      tokenId,
      sha256,
      name: 'ci',
      projects: ['*'],
      scope: 'read',
      createdAt: '2026-11-29T05:00:00.000Z',
      createdBy: 'owner',
    };
    expect(accessRecordCodec.check(record)).toEqual({ ok: true, value: record });
  });
});

describe('tokenIdOf', () => {
  const { tokenId, secret } = newToken();
  it.each([
    { name: 'a fresh secret', input: secret, expected: tokenId },
    { name: 'no prefix', input: secret.slice(4), expected: undefined },
    { name: 'a short random part', input: `flt_${tokenId}_abc`, expected: undefined },
    { name: 'an alerter-style token', input: 'alerter-local-token', expected: undefined },
    { name: 'empty', input: '', expected: undefined },
  ])('$name', ({ input, expected }) => {
    expect(tokenIdOf(input)).toBe(expected);
  });
});
