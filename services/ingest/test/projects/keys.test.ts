import { describe, expect, it } from 'vitest';
import { buildDsn, hashKey, newPublicKey, sameHash } from '../../src/projects/keys.js';
import { parseDsn } from '../../src/sentry/auth.js';

describe('project keys', () => {
  it('are 32 hex digits, as Sentry DSNs require', () => {
    expect(newPublicKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(newPublicKey()).not.toBe(newPublicKey());
  });

  it('compare by hash', () => {
    const key = newPublicKey();
    expect(sameHash(hashKey(key), hashKey(key))).toBe(true);
    expect(sameHash(hashKey(key), hashKey(`${key}x`))).toBe(false);
    expect(sameHash(hashKey(key), 'not hex')).toBe(false);
  });

  it.each([
    ['http://127.0.0.1:8080', 'http://k1@127.0.0.1:8080/3'],
    ['https://errors.example/ingest/', 'https://k1@errors.example/ingest/3'],
  ])('build a DSN that parses back from %s', (base, dsn) => {
    expect(buildDsn(base, 'k1', '3')).toBe(dsn);
    expect(parseDsn(dsn)).toEqual({ publicKey: 'k1', projectId: '3' });
  });
});
