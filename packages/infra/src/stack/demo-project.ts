import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoProject {
  id: string;
  dsn: string;
  publicKey: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** How long a token just made (the owner's, by metrics at its first start) may take to reach ingest's view. */
const NEW_TOKEN_GRACE_MS = 10_000;

/**
 * The `demo` project and a key for it, made through ingest's admin API with the owner's token. A
 * key is shown only when made, so the first one is kept under FAULTLINE_HOME and reused while its
 * project exists.
 */
export async function ensureDemoProject(
  ingestUrl: string,
  token: string,
  home: string,
): Promise<DemoProject> {
  const path = join(home, 'demo-project.json');
  const { projects } = await firstAdminCall(() =>
    admin<{ projects: { id: string }[] }>(ingestUrl, token, 'GET'),
  );
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as DemoProject;
    if (projects.some((p) => p.id === saved.id)) return saved;
  }
  const created = await admin<DemoProject>(ingestUrl, token, 'POST', { name: 'demo' });
  const demo = { id: created.id, dsn: created.dsn, publicKey: created.publicKey };
  writeFileSync(path, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

/** The call, tried again on 401 for a while: the token may not have reached ingest's access view yet. */
async function firstAdminCall<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + NEW_TOKEN_GRACE_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AdminRefused) || error.status !== 401 || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

class AdminRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
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
  if (!response.ok)
    throw new AdminRefused(`${method} ${url}: ${response.status} ${await response.text()}`, response.status);
  return (await response.json()) as T;
}
