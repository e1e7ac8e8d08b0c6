/**
 * What each image runs, without a Docker engine: the Dockerfiles' build step
 * (deploy/docker/bundle.ts) writes each service's /app into a folder of its own, outside the
 * repository so no node_modules can be found from it; the services then run from those
 * bundles with plain node, as the non-root user the images use (when this runs as root), with
 * the folders read-only to it. An event posted to the bundled ingest must reach ClickHouse
 * through the bundled categorizer and metrics, and fire an alert through the bundled
 * detector and alerter.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundlePath, bundleService } from '../../deploy/docker/bundle.js';
import { errorEvent } from '../support/events.js';
import { SERVICE_NAMES, type Stack, startStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

// The node user of the official image (deploy/docker/*.Dockerfile: USER 1000:1000).
const IMAGE_USER = { uid: 1000, gid: 1000 };

let imagesDir: string;
let stack: Stack;
let failed = false;

/** Read-only for everyone but the owner (root), like files COPY'd into an image. */
function makeReadOnly(path: string): void {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) makeReadOnly(join(path, entry));
}

beforeAll(async () => {
  imagesDir = mkdtempSync(join(tmpdir(), 'faultline-images-'));
  for (const name of SERVICE_NAMES) await bundleService(name, join(imagesDir, name));
  makeReadOnly(imagesDir);
  const asImageUser = process.getuid?.() === 0 ? IMAGE_USER : {};
  stack = await startStack({
    infra: inject('infra'),
    label: 'bundles',
    command: (name) => ({
      args: ['--enable-source-maps', bundlePath(name)],
      cwd: join(imagesDir, name),
      ...asImageUser,
    }),
    env: {
      NODE_ENV: 'production',
      FAULTLINE_CONSUMER_MIN_BYTES: '1',
      FAULTLINE_CONSUMER_MAX_WAIT_MS: '200',
    },
  });
}, 240_000);

afterAll(async () => {
  if (failed && stack) console.error(`service logs kept in ${stack.logsDir}\n${stack.logTails()}`);
  await stack?.stop({ keepLogs: failed });
  if (imagesDir) rmSync(imagesDir, { recursive: true, force: true });
}, 60_000);

describe('the services as their images run them (bundles, plain node, non-root)', () => {
  it('become ready, and carry an event to ClickHouse and a critical one to a fired alert', async () => {
    try {
      const project = await stack.createProject('bundles');
      const event = errorEvent('Database connection failed: ECONNREFUSED 10.0.0.5:5432', {
        component: 'database',
      });
      const { status, ids } = await stack.sendEvents(project.key, [event]);
      expect(status).toBe(202);

      let rows: { severity: string }[] = [];
      await waitFor(
        async () => {
          rows = await stack.queryOrEmpty<{ severity: string }>(
            'SELECT severity FROM events WHERE project_id = {p:String} AND event_id = {id:String}',
            { p: project.id, id: ids[0] },
          );
          return rows.length > 0;
        },
        60_000,
        'the event row in ClickHouse',
      );
      expect(rows).toEqual([{ severity: 'critical' }]);

      await waitFor(
        async () => {
          const fired = await stack.queryOrEmpty(
            `SELECT alert_id FROM alert_events WHERE project_id = {p:String} AND type = 'fired'`,
            { p: project.id },
          );
          return fired.length === 1;
        },
        60_000,
        'a fired alert-event in ClickHouse',
      );
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 150_000);
});
