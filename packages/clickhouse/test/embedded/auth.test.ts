import { describe, expect, it } from 'vitest';
import { refuseBrowserPages, Users } from '../../src/embedded/auth.js';
import { ClickHouseServerError, httpStatusOf } from '../../src/embedded/errors.js';

const users = new Users([
  { name: 'default', password: 'secret' },
  { name: 'grafana', password: 'ro', readonly: true },
]);
const basic = (credentials: string) => ({
  authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
});

function refusal(fn: () => unknown): ClickHouseServerError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ClickHouseServerError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('Users.authenticate', () => {
  it('finds the user from Basic, X-ClickHouse headers or URL parameters', () => {
    const none = new URLSearchParams();
    expect(users.authenticate(none, basic('default:secret')).name).toBe('default');
    expect(users.authenticate(none, basic('grafana:ro'))).toMatchObject({ name: 'grafana', readonly: true });
    expect(users.authenticate(none, { 'x-clickhouse-user': 'grafana', 'x-clickhouse-key': 'ro' }).name).toBe(
      'grafana',
    );
    expect(users.authenticate(new URLSearchParams('user=default&password=secret'), {}).name).toBe('default');
    // No user named: `default`, as on a server.
    expect(users.authenticate(new URLSearchParams('password=secret'), {}).name).toBe('default');
    expect(users.authenticate(none, basic(':secret')).name).toBe('default');
  });

  it('answers 401 without credentials and 403 with wrong ones, both code 516', () => {
    const missing = refusal(() => users.authenticate(new URLSearchParams(), {}));
    expect([missing.code, missing.type, httpStatusOf(missing)]).toEqual([516, 'AUTHENTICATION_FAILED', 401]);
    expect(missing.message).toBe(
      'Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)',
    );
    for (const [search, headers] of [
      ['', basic('default:wrong')],
      ['', basic('default:secre')],
      ['', basic('nobody:secret')],
      ['user=grafana&password=secret', {}],
      ['', { 'x-clickhouse-user': 'default' }],
      ['user=default', basic('default:secret')],
      ['user=default', { 'x-clickhouse-user': 'default', 'x-clickhouse-key': 'secret' }],
      ['', { authorization: 'Bearer secret' }],
    ] as const) {
      const err = refusal(() => users.authenticate(new URLSearchParams(search), headers));
      expect([err.code, httpStatusOf(err)]).toEqual([516, 403]);
    }
  });

  it('lets requests without credentials in when default has no password, as a fresh server does', () => {
    const open = new Users([{ name: 'default', password: '' }]);
    expect(open.authenticate(new URLSearchParams(), {}).name).toBe('default');
  });

  it('rejects a list with a repeated or odd name, or no users', () => {
    expect(() => new Users([])).toThrow('at least one user');
    expect(
      () =>
        new Users([
          { name: 'a', password: '' },
          { name: 'a', password: 'x' },
        ]),
    ).toThrow('listed twice');
    expect(() => new Users([{ name: 'a b', password: '' }])).toThrow('invalid user name');
  });
});

describe('refuseBrowserPages', () => {
  it('lets programs and typed addresses through', () => {
    expect(() => refuseBrowserPages({})).not.toThrow();
    expect(() => refuseBrowserPages({ 'sec-fetch-site': 'none' })).not.toThrow();
  });

  it.each([
    [{ origin: 'http://evil.example' }, 'Origin: http://evil.example'],
    [{ origin: 'null' }, 'Origin: null'],
    [{ 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site: cross-site'],
    [{ 'sec-fetch-site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
  ])('refuses %o with 403 ACCESS_DENIED', (headers, named) => {
    const err = refusal(() => refuseBrowserPages(headers));
    expect([err.code, err.type, httpStatusOf(err)]).toEqual([497, 'ACCESS_DENIED', 403]);
    expect(err.detail).toContain(named);
  });
});
