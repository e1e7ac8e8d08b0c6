import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/faultline.js', import.meta.url));

// Plain node, no tsx flag, from a folder outside the repository: the way an installed bin runs.
function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'faultline-bin-'));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the faultline bin', () => {
  it('lists every command group', async () => {
    const { code, stderr } = await runBin([]);
    expect(code).toBe(2);
    for (const group of ['doctor', 'alerts', 'silences', 'report', 'projects', 'tickets', 'investigate'])
      expect(stderr).toContain(`  ${group} `);
  });

  it("dispatches to a service's own CLI and to the CLI package's commands", async () => {
    const investigate = await runBin(['investigate']);
    expect(investigate.stderr).toMatch(/usage: .*investigate/);
    expect(investigate.code).not.toBe(0);
    const report = await runBin(['report', 'monthly', '--project', 'p']);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('error: daily or weekly');
  });
});
