import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a pid file records: the start time tells our process apart from a later one that reused its pid. */
export interface PidRecord {
  pid: number;
  startTime: string;
  command: string[];
  startedAt: string;
}

export interface SpawnedProcess {
  record: PidRecord;
  /** Set once the process has exited, so a wait for readiness can stop early. */
  exit: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts `command` in its own session, output appended to `logPath`, and writes its pid file.
 * The process outlives the caller: `pnpm infra up` returns while the servers keep running.
 */
export function spawnDetached(
  command: string,
  args: string[],
  options: { pidFile: string; logPath: string; cwd?: string; env?: NodeJS.ProcessEnv },
): SpawnedProcess {
  mkdirSync(dirname(options.logPath), { recursive: true });
  mkdirSync(dirname(options.pidFile), { recursive: true });
  const log = openSync(options.logPath, 'a');
  writeFileSync(log, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    // Without a listener a failed spawn (e.g. ENOENT) is an uncaught 'error' event; pid is then undefined.
    child.on('error', () => {});
    if (child.pid === undefined) throw new Error(`cannot start ${command}`);
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    child.unref();
    const startTime = processStartTime(child.pid);
    if (startTime === undefined) throw new Error(`${command} exited at once, see ${options.logPath}`);
    const record: PidRecord = {
      pid: child.pid,
      startTime,
      command: [command, ...args],
      startedAt: new Date().toISOString(),
    };
    writeFileSync(options.pidFile, `${JSON.stringify(record)}\n`);
    return { record, exit: () => exited };
  } finally {
    closeSync(log);
  }
}

/** The pid file's process if it is still that same process; a stale pid file is removed. */
export function readLiveProcess(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  let record: PidRecord | undefined;
  try {
    record = JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    record = undefined;
  }
  if (record && processStartTime(record.pid) === record.startTime) return record;
  rmSync(pidFile, { force: true });
  return undefined;
}

/**
 * Stops the process group of the pid file's process: SIGTERM, then SIGKILL after `graceMs`.
 * Does nothing to a pid that now belongs to another process. Returns whether it stopped something.
 */
export async function stopProcess(pidFile: string, graceMs: number): Promise<boolean> {
  const record = readLiveProcess(pidFile);
  if (!record) return false;
  signalGroup(record.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isSameProcess(record) && Date.now() < deadline) await sleep(100);
  if (isSameProcess(record)) {
    signalGroup(record.pid, 'SIGKILL');
    while (isSameProcess(record)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
  return true;
}

export const isSameProcess = (record: PidRecord): boolean =>
  processStartTime(record.pid) === record.startTime;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Detached children lead their own process group; signalling it also reaches anything they forked.
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** An identity for a live process (its start time), or undefined when it is gone or a zombie. */
export function processStartTime(pid: number): string | undefined {
  if (existsSync('/proc/self/stat')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    // Fields after the command name, which is in parentheses and may contain spaces: state is first,
    // starttime is field 22 of the whole line, so index 19 here.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  }
  // No procfs (macOS): ps prints the start time, or fails when the pid is gone.
  try {
    const out = execFileSync('ps', ['-o', 'stat=,lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return out === '' || out.startsWith('Z') ? undefined : out.slice(out.indexOf(' ') + 1).trim();
  } catch {
    return undefined;
  }
}

/** The last lines of a log, for error messages that would otherwise say only "see the log". */
export function logTail(path: string, lines = 15): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
