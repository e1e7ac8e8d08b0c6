import { describe, expect, it } from 'vitest';
import { parseDsn, parseSentryAuth, presentedKey } from '../../src/sentry/auth.js';

describe('parseSentryAuth', () => {
  it('reads the fields of the header', () => {
    expect(
      parseSentryAuth('Sentry sentry_version=7, sentry_client=sentry.javascript.node/9.0.0, sentry_key=abc'),
    ).toEqual({
      sentry_version: '7',
      sentry_client: 'sentry.javascript.node/9.0.0',
      sentry_key: 'abc',
    });
  });
});

describe('parseDsn', () => {
  it.each([
    ['http://abc@127.0.0.1:8080/12', { publicKey: 'abc', projectId: '12' }],
    ['https://abc:secret@errors.example/sub/path/7', { publicKey: 'abc', projectId: '7' }],
  ])('%s', (dsn, expected) => expect(parseDsn(dsn)).toEqual(expected));
});

describe('presentedKey', () => {
  it.each([
    {
      name: 'X-Sentry-Auth',
      sources: { sentryAuthHeader: 'Sentry sentry_key=k1, sentry_version=7' },
      expected: { publicKey: 'k1' },
    },
    { name: 'bearer', sources: { authorizationHeader: 'Bearer k1' }, expected: { publicKey: 'k1' } },
    {
      name: 'Authorization in the Sentry form',
      sources: { authorizationHeader: 'Sentry sentry_key=k1' },
      expected: { publicKey: 'k1' },
    },
    { name: 'X-Faultline-Key', sources: { faultlineKeyHeader: 'k1' }, expected: { publicKey: 'k1' } },
    { name: 'query parameter', sources: { sentryKeyQuery: 'k1' }, expected: { publicKey: 'k1' } },
    {
      name: 'envelope dsn',
      sources: { dsn: 'http://k1@h/5' },
      expected: { publicKey: 'k1', dsnProjectId: '5' },
    },
    {
      name: 'agreeing sources',
      sources: { sentryKeyQuery: 'k1', dsn: 'http://k1@h/5', sentryAuthHeader: 'Sentry sentry_key=k1' },
      expected: { publicKey: 'k1', dsnProjectId: '5' },
    },
  ])('takes the key from $name', ({ sources, expected }) => {
    expect(presentedKey(sources)).toEqual(expected);
  });

  it.each([
    { name: 'nothing', sources: {}, code: 'FL_INGEST_AUTH_MISSING' },
    {
      name: 'a Sentry header without sentry_key',
      sources: { sentryAuthHeader: 'Sentry sentry_version=7' },
      code: 'FL_INGEST_AUTH_MISSING',
    },
    {
      name: 'header and query disagreeing',
      sources: { sentryAuthHeader: 'Sentry sentry_key=k1', sentryKeyQuery: 'k2' },
      code: 'FL_INGEST_AUTH_MISMATCH',
    },
    {
      name: 'query and dsn disagreeing',
      sources: { sentryKeyQuery: 'k1', dsn: 'http://k2@h/5' },
      code: 'FL_INGEST_AUTH_MISMATCH',
    },
    { name: 'a dsn that is no URL', sources: { dsn: 'nope' }, code: 'FL_INGEST_AUTH_MISMATCH' },
  ])('refuses $name', ({ sources, code }) => {
    expect(() => presentedKey(sources)).toThrow(expect.objectContaining({ code, statusCode: 403 }));
  });
});
