import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type IngestProcess, startIngestProcess } from '../../../test/support/ingest-process.js';
import { ensureDemoProject } from '../src/stack/demo-project.js';

let ingest: IngestProcess;
let ingestUrl: string;
let ownerToken: string;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-demo-project-'));
  ingest = await startIngestProcess(inject('infra'));
  ({ url: ingestUrl, ownerToken } = ingest);
});

afterAll(async () => {
  await ingest?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('ensureDemoProject (pnpm start)', () => {
  it("creates the demo project through ingest's admin API once, keeps its key, and reuses it", async () => {
    const demo = await ensureDemoProject(ingestUrl, ownerToken, home);
    expect(demo.dsn).toBe(`http://${demo.publicKey}@127.0.0.1:8080/${demo.id}`);
    const saved = join(home, 'demo-project.json');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(demo);
    expect(statSync(saved).mode & 0o777).toBe(0o600);

    expect(await ensureDemoProject(ingestUrl, ownerToken, home)).toEqual(demo);
  });

  it('makes a new project when the saved one is gone', async () => {
    writeFileSync(
      join(home, 'demo-project.json'),
      JSON.stringify({ id: '999999999', dsn: 'x', publicKey: 'y' }),
    );
    const demo = await ensureDemoProject(ingestUrl, ownerToken, home);
    expect(demo.id).not.toBe('999999999');
  });

  it('fails with what ingest answered to a wrong token (after the grace a new token gets)', async () => {
    await expect(ensureDemoProject(ingestUrl, 'wrong', home)).rejects.toThrow(/401 .*FL_AUTH_REQUIRED/);
  }, 30_000);

  it('fails with 403 for a token that may not create projects', async () => {
    const { secret } = await ingest.access.person('1', 'admin');
    await expect(ensureDemoProject(ingestUrl, secret, join(home, 'other'))).rejects.toThrow(
      /403 .*FL_FORBIDDEN/,
    );
  });
});
