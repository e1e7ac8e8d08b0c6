import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/service-process.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const IN_ORDER = ['stop:consumers', 'stop:producers', 'stop:servers', 'stop:clients'];

interface Run {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
  ready: Promise<void>;
}

function run(scenario: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, scenario], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (line === 'ready') onReady();
    }
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exit, ready };
}

const stops = (lines: string[]) => lines.filter((line) => line.startsWith('stop:'));

describe('a service process', () => {
  it.each([
    { id: 'SIGTERM', signal: 'SIGTERM' as const },
    { id: 'SIGINT', signal: 'SIGINT' as const },
  ])('stops every stage in order and exits 0 on $id', async ({ signal }) => {
    const service = run('idle');
    await service.ready;
    service.child.kill(signal);
    expect(await service.exit).toBe(0);
    expect(stops(service.lines)).toEqual(IN_ORDER);
  });

  it.each([
    { id: "a consumer's done rejects", scenario: 'consumer-crash' },
    { id: 'an error is thrown and not caught', scenario: 'uncaught' },
    { id: 'start-up fails (a rejected top-level await)', scenario: 'startup-failure' },
  ])('goes down through the graceful close with exit code 1 when $id', async ({ scenario }) => {
    const service = run(scenario);
    expect(await service.exit).toBe(1);
    expect(stops(service.lines)).toEqual(IN_ORDER);
  });

  it('exits 1 when the shutdown outlives its timeout, without running later stages', async () => {
    const service = run('stuck');
    await service.ready;
    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(1);
    expect(stops(service.lines)).toEqual(['stop:consumers']);
  });

  it('exits 1 at once on a second signal during a stuck shutdown', async () => {
    const service = run('stuck');
    await service.ready;
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(1);
    // Well before the fixture's 1 s shutdown timeout.
    expect(Date.now() - started).toBeLessThan(700);
  });
}, 30_000);
