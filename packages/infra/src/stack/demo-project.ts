import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoProject {
  id: string;
  dsn: string;
  publicKey: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The `demo` project and a key for it, made through ingest's admin API. A key is shown only when
 * made, so the first one is kept under FAULTLINE_HOME and reused while its project exists.
 */
export async function ensureDemoProject(
  ingestUrl: string,
  adminToken: string,
  home: string,
): Promise<DemoProject> {
  const path = join(home, 'demo-project.json');
  const { projects } = await admin<{ projects: { id: string }[] }>(ingestUrl, adminToken, 'GET');
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as DemoProject;
    if (projects.some((p) => p.id === saved.id)) return saved;
  }
  const created = await admin<DemoProject>(ingestUrl, adminToken, 'POST', { name: 'demo' });
  const demo = { id: created.id, dsn: created.dsn, publicKey: created.publicKey };
  writeFileSync(path, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

async function admin<T>(ingestUrl: string, token: string, method: 'GET' | 'POST', body?: object): Promise<T> {
  const url = new URL('/admin/projects', ingestUrl);
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
