/**
 * deploy/docker: one multi-stage Dockerfile per service whose runtime stage runs the bundle
 * (deploy/docker/bundle.ts) as a non-root user, with the files the service reads from disk
 * where its code looks for them.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundlePath, RUNTIME_ASSETS } from '../../deploy/docker/bundle.js';
import { deployPath, REPO_ROOT, SERVICES } from './deploy-files.js';

interface Stage {
  from: string;
  name?: string;
  instructions: { op: string; args: string }[];
}

/** Dockerfile instructions per stage; continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

const packageManager = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).packageManager as string;

describe.each(SERVICES)('deploy/docker/$name.Dockerfile', ({ name, port }) => {
  const text = readFileSync(deployPath('docker', `${name}.Dockerfile`), 'utf8');
  const stages = parseDockerfile(text);
  const runtime = stages.at(-1) as Stage;
  const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('builds in one stage and runs in another, from the same base', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(stages.map((s) => s.from))).toEqual(new Set(['$' + '{NODE_IMAGE}']));
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    const build = stages[0] as Stage;
    const runs = all(build, 'RUN').join('\n');
    expect(runs).toContain(`npm install --global ${packageManager}`);
    expect(runs).toContain(`--filter "@faultline/${name}..."`);
    expect(runs).toContain('--frozen-lockfile');
    expect(runs).toContain(`deploy/docker/bundle.ts ${name} /out`);
    expect(all(runtime, 'COPY')).toEqual([`--from=${build.name} /out/ /app/`]);
  });

  it('runs the bundle as a numeric non-root user on its port', () => {
    const [user] = all(runtime, 'USER');
    expect(user).toMatch(/^[0-9]+:[0-9]+$/);
    expect(Number(user?.split(':')[0])).toBeGreaterThan(0);
    expect(all(runtime, 'WORKDIR')).toEqual(['/app']);
    expect(JSON.parse(all(runtime, 'ENTRYPOINT')[0] as string)).toEqual([
      'node',
      '--enable-source-maps',
      bundlePath(name),
    ]);
    expect(all(runtime, 'EXPOSE')).toEqual([String(port)]);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toContain(`FAULTLINE_HTTP_PORT=${port}`);
    expect(env).toContain('FAULTLINE_HTTP_HOST=0.0.0.0');
    expect(all(runtime, 'HEALTHCHECK').join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
  });

  it('keeps node_modules and local state out of the build context', () => {
    const ignore = readFileSync(deployPath('docker', `${name}.Dockerfile.dockerignore`), 'utf8');
    for (const entry of ['**/node_modules', '.faultline', '.git', 'deploy/.env', 'deploy/k8s/secrets.env']) {
      expect(ignore.split('\n')).toContain(entry);
    }
  });
});

describe('runtime assets', () => {
  it('land where the metrics code resolves its migrations from the bundle', () => {
    const source = readFileSync(`${REPO_ROOT}/services/metrics/src/storage/migrate.ts`, 'utf8');
    const relative = /new URL\('([^']+)', import\.meta\.url\)/.exec(source)?.[1] as string;
    const bundleUrl = pathToFileURL(`/app/${bundlePath('metrics')}`);
    const migrations = RUNTIME_ASSETS.metrics?.find((a) => a.from === 'services/metrics/migrations');
    expect(new URL(relative, bundleUrl).pathname.replace(/\/$/, '')).toBe(`/app/${migrations?.to}`);
  });
});
