import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { processStartTime, readLiveProcess, spawnDetached, stopProcess } from '../src/process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-process-'));
});
afterEach(async () => {
  await stopProcess(join(dir, 'sleep.pid'), 1000);
  rmSync(dir, { recursive: true, force: true });
});

const startSleep = () =>
  spawnDetached('sleep', ['30'], { pidFile: join(dir, 'sleep.pid'), logPath: join(dir, 'sleep.log') });

it('records a detached process in its pid file and stops it', async () => {
  const { record } = startSleep();
  expect(readLiveProcess(join(dir, 'sleep.pid'))).toEqual(record);

  expect(await stopProcess(join(dir, 'sleep.pid'), 5000)).toBe(true);
  expect(processStartTime(record.pid)).toBeUndefined();
  expect(readLiveProcess(join(dir, 'sleep.pid'))).toBeUndefined();
  expect(await stopProcess(join(dir, 'sleep.pid'), 5000)).toBe(false);
});

it('treats a pid now used by another process as stale and leaves that process alone', async () => {
  const { record } = startSleep();
  const otherPidFile = join(dir, 'other.pid');
  writeFileSync(otherPidFile, JSON.stringify({ ...record, startTime: 'an earlier process' }));

  expect(await stopProcess(otherPidFile, 1000)).toBe(false);
  expect(readLiveProcess(otherPidFile)).toBeUndefined();
  expect(processStartTime(record.pid)).toBe(record.startTime);
});

it('treats an unreadable pid file as stale', () => {
  writeFileSync(join(dir, 'sleep.pid'), 'not json');
  expect(readLiveProcess(join(dir, 'sleep.pid'))).toBeUndefined();
});
