import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localSecrets } from '../src/stack/local-secrets.js';

const TOKEN = /^flt_[A-Za-z0-9]{1,32}_[A-Za-z0-9_-]{43}$/;

const homes: string[] = [];
const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-secrets-'));
  homes.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('local secrets', () => {
  it('makes every secret once (mode 600) and returns the same ones on every later start', () => {
    const dir = home();
    const first = localSecrets(dir);
    expect(first.ownerToken).toMatch(TOKEN);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'local-secrets.json')).mode & 0o777).toBe(0o600);
    expect(localSecrets(dir)).toEqual(first);
  });

  it('adds the secrets an older file lacks and keeps the ones it has', () => {
    const dir = home();
    writeFileSync(join(dir, 'local-secrets.json'), JSON.stringify({ adminToken: 'a', alerterToken: 'b' }));
    const upgraded = localSecrets(dir);
    expect(upgraded).toMatchObject({ adminToken: 'a', alerterToken: 'b' });
    expect(upgraded.ownerToken).toMatch(TOKEN);
    expect(JSON.parse(readFileSync(join(dir, 'local-secrets.json'), 'utf8'))).toEqual(upgraded);
  });
});
