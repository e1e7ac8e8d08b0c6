import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUsers } from '../../src/embedded/users-config.js';
import { removeDir, tempDir } from '../helpers/child-server.js';

const dir = tempDir('faultline-ch-users-');
afterAll(() => removeDir(dir));
const file = (name: string, content: unknown) => {
  const at = path.join(dir, name);
  writeFileSync(at, JSON.stringify(content));
  return at;
};

describe('loadUsers', () => {
  it('is default with CLICKHOUSE_EMBEDDED_PASSWORD (or none), plus the users file', () => {
    expect(loadUsers(undefined, undefined)).toEqual([{ name: 'default', password: '' }]);
    const users = file('ro.json', [{ name: 'grafana', password: 'ro', readonly: true }]);
    expect(loadUsers(users, 'pw')).toEqual([
      { name: 'default', password: 'pw' },
      { name: 'grafana', password: 'ro', readonly: true },
    ]);
  });

  it('takes default from the file, and refuses it set twice', () => {
    const users = file('default.json', [{ name: 'default', password: 'f' }]);
    expect(loadUsers(users, undefined)).toEqual([{ name: 'default', password: 'f', readonly: false }]);
    expect(() => loadUsers(users, 'pw')).toThrow('unset CLICKHOUSE_EMBEDDED_PASSWORD');
  });

  it('names the entry that is wrong', () => {
    expect(() => loadUsers(file('a.json', { name: 'x' }), undefined)).toThrow('expected a JSON array');
    expect(() => loadUsers(file('b.json', [{ name: 'x' }]), undefined)).toThrow(/b\.json\[0\]: expected/);
    expect(() =>
      loadUsers(file('c.json', [{ name: 'x', password: '', readonly: 'yes' }]), undefined),
    ).toThrow(/c\.json\[0\]\.readonly/);
    expect(() => loadUsers(file('d.json', [{ name: 'x', password: '', role: 'admin' }]), undefined)).toThrow(
      /d\.json\[0\]: expected/,
    );
  });
});
