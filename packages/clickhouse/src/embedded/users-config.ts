/**
 * The embedded server's users when it runs as a process: `CLICKHOUSE_EMBEDDED_PASSWORD` is the
 * `default` user's password (an environment variable, so it never shows in `ps`), and a users
 * file (`--users-file`, JSON `[{ "name", "password", "readonly" }]`) adds others, e.g. a
 * read-only user for Grafana, or sets `default` itself.
 */
import { readFileSync } from 'node:fs';
import type { EmbeddedUser } from './auth.js';

function parseUser(entry: unknown, at: string): EmbeddedUser {
  const e = entry as Record<string, unknown>;
  const keysOk =
    typeof entry === 'object' &&
    entry !== null &&
    Object.keys(e).every((k) => k === 'name' || k === 'password' || k === 'readonly');
  if (!keysOk || typeof e.name !== 'string' || typeof e.password !== 'string') {
    throw new Error(`${at}: expected { "name": string, "password": string, "readonly"?: boolean }`);
  }
  if (e.readonly !== undefined && typeof e.readonly !== 'boolean')
    throw new Error(`${at}.readonly: expected a boolean`);
  return { name: e.name, password: e.password, readonly: e.readonly === true };
}

export function loadUsers(
  usersFile: string | undefined,
  defaultPassword: string | undefined,
): EmbeddedUser[] {
  let users: EmbeddedUser[] = [];
  if (usersFile) {
    const parsed: unknown = JSON.parse(readFileSync(usersFile, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${usersFile}: expected a JSON array of users`);
    users = parsed.map((entry, i) => parseUser(entry, `${usersFile}[${i}]`));
  }
  if (users.some((u) => u.name === 'default')) {
    if (defaultPassword)
      throw new Error(`${usersFile} sets the default user: unset CLICKHOUSE_EMBEDDED_PASSWORD`);
    return users;
  }
  return [{ name: 'default', password: defaultPassword ?? '' }, ...users];
}
