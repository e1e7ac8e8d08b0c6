/**
 * Issue 16's acceptance over every registered route of every service: the routes come from the
 * running apps (`listRouteAccess`), so a route added later is in the table by itself (and one
 * without a rule cannot be registered at all). For each route: anonymous 401 unless public,
 * another project's member 403, the role it declares and no less; then token scopes, expiry, and
 * a revoked token refused by every service within 5 seconds. Each app reads `access` through its
 * own view over the real Kafka.
 */
import { type AccessRule, listRouteAccess } from '@faultline/access';
import type { ProjectRole } from '@faultline/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type IssuedToken, TestAccess, user } from '../support/access.js';
import { uniqueName } from '../support/endpoints.js';
import { waitFor } from '../support/wait.js';
import { type ServiceApp, type ServiceApps, startServiceApps } from './service-apps.js';

/** Ingest's project ids are numeric; every service takes them. */
const PROJECT = '4242';
const OTHER = '4343';
const ROLES: readonly ProjectRole[] = ['viewer', 'responder', 'admin'];
const REFUSALS = ['FL_AUTH_REQUIRED', 'FL_FORBIDDEN'];

interface Row {
  service: ServiceApp['name'];
  method: string;
  url: string;
  access: AccessRule;
}

let services: ServiceApps;
let access: TestAccess;
let rows: Row[];
const members = {} as Record<ProjectRole, IssuedToken>;
let otherAdmin: IssuedToken;
let nobody: IssuedToken;

const urlOf = (service: ServiceApp['name']) => services.apps.find((s) => s.name === service)?.url as string;

/** The route's URL with every parameter filled (the project's where it names one). */
function concrete(row: Row): string {
  const path = row.url
    .replace(':projectId', PROJECT)
    .replace(':dimension', 'component')
    .replace(':action', 'acknowledge')
    .replace(/:[A-Za-z]+/g, 'nope')
    .replace('*', 'index.html');
  const query =
    'project' in row.access && row.access.project === 'query.project' ? `?project=${PROJECT}` : '';
  return `${urlOf(row.service)}${path}${query}`;
}

/** One request as `token` (none: anonymous); only the status and error code are read (a live stream is cut). */
async function call(row: Row, token?: string): Promise<Answer> {
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(row.method);
  const controller = new AbortController();
  const response = await fetch(concrete(row), {
    method: row.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { body: JSON.stringify({ projectId: PROJECT }) } : {}),
    // A stream that never answers is a failure, not a hang.
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(15_000)]),
  });
  let error: string | undefined;
  if (response.headers.get('content-type')?.includes('application/json'))
    error = ((await response.json().catch(() => ({}))) as { error?: string }).error;
  controller.abort();
  return { status: response.status, head: row.method === 'HEAD', ...(error ? { error } : {}) };
}

interface Answer {
  status: number;
  error?: string;
  /** A HEAD answer has no body to name its code. */
  head: boolean;
}

const passes = (answer: Answer) =>
  answer.status !== 401 && !REFUSALS.includes(answer.error ?? '') && !(answer.head && answer.status === 403);
const refused = (answer: Answer, status: 401 | 403) =>
  answer.status === status &&
  (answer.head || answer.error === (status === 401 ? 'FL_AUTH_REQUIRED' : 'FL_FORBIDDEN'));

const label = (row: Row) => `${row.service} ${row.method} ${row.url} ${JSON.stringify(row.access)}`;

beforeAll(async () => {
  const infra = inject('infra');
  const prefix = `${uniqueName('routes')}.`;
  access = await TestAccess.start({ topicPrefix: prefix, brokers: infra.kafkaBrokers });
  services = await startServiceApps(infra, prefix);
  for (const role of ROLES) members[role] = await access.person(PROJECT, role);
  otherAdmin = await access.person(OTHER, 'admin');
  // A user with no membership at all: valid credentials, no role anywhere.
  await access.write(user('nobody'));
  nobody = await access.token({ userId: 'nobody', projects: ['*'], scope: 'admin' });
  await everyViewShows(nobody.tokenId);
  rows = services.apps.flatMap(({ name, app }) =>
    listRouteAccess(app).map((route) => ({ service: name, ...route })),
  );
}, 180_000);

afterAll(async () => {
  await services?.stop();
  await access?.stop();
}, 60_000);

/** Every service's own view holds the token (each follows the topic on its own). */
async function everyViewShows(tokenId: string): Promise<void> {
  await waitFor(
    () => services.apps.every((s) => s.view.token(tokenId) !== undefined),
    10_000,
    `token ${tokenId} in every service's view`,
  );
}

describe('every route of every service declares who may call it', () => {
  it('reads the routes from the running apps: each API service has its routes, health and metrics public', () => {
    for (const service of ['ingest', 'alerter', 'metrics', 'resolution'] as const) {
      const own = rows.filter((r) => r.service === service);
      expect(own.filter((r) => !('public' in r.access)).length, service).toBeGreaterThan(0);
      for (const path of ['/healthz', '/readyz', '/metrics'])
        expect(own.find((r) => r.url === path && r.method === 'GET')?.access, `${service} ${path}`).toEqual({
          public: true,
        });
    }
    // The only public routes: probes, ingest's event intake (project keys) and the dashboard page.
    const publicUrls = new Set(rows.filter((r) => 'public' in r.access).map((r) => r.url));
    for (const url of publicUrls)
      expect(url).toMatch(
        /^\/(healthz|readyz|metrics|api\/v1\/events|api\/:projectId\/|api\/\*|dashboard|$)/,
      );
  });

  it('answers 401 FL_AUTH_REQUIRED to anonymous callers and bad tokens, except on public routes', async () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const anonymous = await call(row);
      if ('public' in row.access) {
        if (!passes(anonymous)) wrong.push(`${label(row)}: public route refused (${anonymous.status})`);
        continue;
      }
      if (!refused(anonymous, 401)) wrong.push(`${label(row)}: anonymous got ${JSON.stringify(anonymous)}`);
      const forged = await call(row, `${access.owner.secret}x`);
      if (!refused(forged, 401)) wrong.push(`${label(row)}: a forged token got ${JSON.stringify(forged)}`);
    }
    expect(wrong.join('\n')).toBe('');
  });

  it("answers 403 FL_FORBIDDEN to another project's member, and to a credential without a role", async () => {
    const wrong: string[] = [];
    for (const row of rows) {
      if ('public' in row.access || 'authenticated' in row.access) continue;
      // A per-project rule: the other project's admin. Per instance ('none', owner): someone with no role.
      const outsider =
        'project' in row.access && row.access.project !== 'none'
          ? otherAdmin
          : 'owner' in row.access
            ? members.admin
            : nobody;
      const answer = await call(row, outsider.secret);
      if (!refused(answer, 403)) wrong.push(`${label(row)}: outsider got ${JSON.stringify(answer)}`);
    }
    expect(wrong.join('\n')).toBe('');
  });

  it('lets the declared role in, and refuses the role below it (viewer cannot acknowledge, responder can)', async () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const rule = row.access;
      if ('role' in rule) {
        const index = ROLES.indexOf(rule.role);
        const allowed = await call(row, members[rule.role].secret);
        if (!passes(allowed)) wrong.push(`${label(row)}: ${rule.role} refused ${JSON.stringify(allowed)}`);
        const below = ROLES[index - 1];
        if (below) {
          const answer = await call(row, members[below].secret);
          if (!refused(answer, 403)) wrong.push(`${label(row)}: ${below} got ${JSON.stringify(answer)}`);
        }
      }
      if ('authenticated' in rule && !passes(await call(row, nobody.secret)))
        wrong.push(`${label(row)}: an authenticated caller refused`);
      if (!('public' in rule)) {
        const owner = await call(row, access.owner.secret);
        if (!passes(owner)) wrong.push(`${label(row)}: the owner refused ${JSON.stringify(owner)}`);
      }
    }
    expect(wrong.join('\n')).toBe('');
    // The acceptance's own words, on both acknowledge routes.
    const acknowledge = rows.filter((r) => r.method === 'POST' && /acknowledge|:action/.test(r.url));
    expect(acknowledge.map((r) => r.service).sort()).toEqual(['alerter', 'metrics']);
    for (const row of acknowledge) {
      expect(refused(await call(row, members.viewer.secret), 403), label(row)).toBe(true);
      expect(passes(await call(row, members.responder.secret)), label(row)).toBe(true);
    }
  }, 240_000);
});

describe('token scopes, expiry and revocation', () => {
  const find = (service: ServiceApp['name'], method: string, url: string) => {
    const row = rows.find((r) => r.service === service && r.method === method && r.url === url);
    if (!row) throw new Error(`no route ${service} ${method} ${url}`);
    return row;
  };
  const metricsAck = () => find('metrics', 'POST', '/api/v1/projects/:projectId/alerts/:alertId/:action');
  const metricsRead = () => find('metrics', 'GET', '/api/v1/projects/:projectId/trends');
  /** One route per service that the revocable token may call. */
  const probes = () => [
    find('ingest', 'GET', '/admin/projects'),
    find('alerter', 'GET', '/api/v1/alerts'),
    metricsRead(),
    find('resolution', 'GET', '/api/v1/projects/:projectId/tickets'),
  ];

  it('a read token reads but cannot acknowledge; a respond token can; a person token is capped by the role', async () => {
    const read = await access.token({ projects: [PROJECT], scope: 'read' });
    const respond = await access.token({ projects: [PROJECT], scope: 'respond' });
    const otherProject = await access.token({ projects: [OTHER], scope: 'admin' });
    const viewerWithRespond = await access.token({
      userId: (await access.person(PROJECT, 'viewer')).userId,
      projects: [PROJECT],
      scope: 'respond',
    });
    await everyViewShows(viewerWithRespond.tokenId);
    expect(passes(await call(metricsRead(), read.secret))).toBe(true);
    expect(refused(await call(metricsAck(), read.secret), 403)).toBe(true);
    expect(passes(await call(metricsAck(), respond.secret))).toBe(true);
    expect(refused(await call(metricsRead(), otherProject.secret), 403)).toBe(true);
    expect(refused(await call(metricsAck(), viewerWithRespond.secret), 403)).toBe(true);
    expect(passes(await call(metricsRead(), viewerWithRespond.secret))).toBe(true);
    // Owner-only routes are for the owner's own token, never a machine token, even admin on every project.
    const everything = await access.token({ projects: ['*'], scope: 'admin' });
    await everyViewShows(everything.tokenId);
    expect(refused(await call(find('metrics', 'GET', '/api/v1/admin/users'), everything.secret), 403)).toBe(
      true,
    );
  });

  it('refuses an expired token on every service (401)', async () => {
    const expired = await access.token({
      projects: ['*'],
      scope: 'admin',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    await everyViewShows(expired.tokenId);
    for (const row of probes()) expect(refused(await call(row, expired.secret), 401), label(row)).toBe(true);
  });

  it('refuses a revoked token on every service within 5 seconds', async () => {
    const revocable = await access.token({ projects: [PROJECT], scope: 'admin' });
    await everyViewShows(revocable.tokenId);
    for (const row of probes()) expect(passes(await call(row, revocable.secret)), label(row)).toBe(true);

    const token = access.view.token(revocable.tokenId);
    if (!token) throw new Error('token not in the view');
    const revokedAt = Date.now();
    // Written without waiting for any view: the clock runs from the write.
    const write = access.write({ ...token, revokedAt: new Date(revokedAt).toISOString() });
    const seen = await Promise.all(
      probes().map(async (row) => {
        while (!refused(await call(row, revocable.secret), 401)) {
          if (Date.now() - revokedAt > 10_000)
            throw new Error(`${label(row)} still accepts the revoked token`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return { service: row.service, ms: Date.now() - revokedAt };
      }),
    );
    await write;
    for (const { service, ms } of seen) expect(ms, `${service} refused it after ${ms} ms`).toBeLessThan(5000);
  });
});
