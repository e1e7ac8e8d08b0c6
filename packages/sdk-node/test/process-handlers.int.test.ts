import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestUnderTest, startIngest } from './support/ingest.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/process-app.ts');
let ingest: IngestUnderTest;

beforeAll(async () => {
  ingest = await startIngest('sdk-node-process');
});
afterAll(async () => {
  await ingest?.close();
});

function runApp(mode: 'crash' | 'exit', runId: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: {
      ...process.env,
      MODE: mode,
      RUN_ID: runId,
      FAULTLINE_ENDPOINT: ingest.url,
      FAULTLINE_KEY: ingest.key,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('process handlers', () => {
  it('reports an unhandled rejection and an uncaught exception, flushes, then exits 1', async () => {
    const runId = randomBytes(4).toString('hex');
    expect(await runApp('crash', runId)).toBe(1);
    const rejection = await ingest.waitFor((e) => e.message === `nobody awaited this ${runId}`);
    expect(rejection).toMatchObject({
      source: 'unhandled-rejection',
      level: 'error',
      component: 'worker',
      release: 'process-app@1.0.0',
      sdk: { name: 'faultline.node' },
    });
    const crash = await ingest.waitFor((e) => e.message === `Payment processing failed ${runId}`);
    expect(crash).toMatchObject({
      source: 'global-handler',
      level: 'fatal',
      memoryBytes: expect.any(Number),
    });
    const caught = crash.exception?.at(-1);
    expect(caught).toMatchObject({ type: 'Error', mechanism: { type: 'uncaughtException', handled: false } });
    expect(caught?.frames?.at(-1)?.filename).toContain('process-app.ts');
  });

  it('delivers what is queued when the event loop empties (beforeExit)', async () => {
    const runId = randomBytes(4).toString('hex');
    expect(await runApp('exit', runId)).toBe(0);
    const event = await ingest.waitFor((e) => e.message === `exiting normally ${runId}`);
    expect(event).toMatchObject({ level: 'info', source: 'other', component: 'worker' });
  });
});
