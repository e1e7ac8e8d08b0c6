import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_COST, verifyPassword } from '../../src/index.js';

/** Cheap cost for the cases that test parsing, not strength. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt$N$r$p$salt$hash with the default interactive cost and verifies it', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(PASSWORD_COST.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('reads the cost from the stored hash, so older costs stay valid', async () => {
    const hash = await hashPassword('pw', FAST);
    expect(hash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('pw', hash)).toBe(true);
  });

  it('treats composed and decomposed unicode as the same password', async () => {
    const hash = await hashPassword('caf\u00e9', FAST);
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  const valid = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';
  it.each([
    { name: 'not scrypt', stored: valid.replace('scrypt', 'bcrypt') },
    { name: 'too few parts', stored: 'scrypt$1024$8$1$c2FsdA==' },
    { name: 'N not a power of two', stored: valid.replace('$1024$', '$1000$') },
    { name: 'N above the ceiling', stored: valid.replace('$1024$', '$2097152$') },
    { name: 'r of zero', stored: valid.replace('$8$', '$0$') },
    { name: 'a short hash', stored: 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$aGFzaA==' },
    { name: 'empty', stored: '' },
  ])('refuses a stored hash with $name', async ({ stored }) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
