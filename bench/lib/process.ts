import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nowMs } from './stats';

export const rootDir = fileURLToPath(new URL('../../', import.meta.url));
/** The headless core and the reference servers print this line once they listen. */
export const READY = /ready: open (http:\/\/[^\s/]+\/)/;

/** Start `node args…` in the repo root, timed until its output matches READY; resolves with the ms and the URL. */
export function startUntilReady(args: string[]): { child: ChildProcess; result: Promise<{ ms: number; url: string }> } {
  const start = nowMs();
  const child = spawn(process.execPath, args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = new Promise<{ ms: number; url: string }>((resolve, reject) => {
    let seen = '';
    let isReady = false;
    const onData = (chunk: Buffer) => {
      if (isReady) return;
      seen += chunk.toString();
      const match = READY.exec(seen);
      if (match) {
        isReady = true;
        seen = '';
        resolve({ ms: nowMs() - start, url: match[1] ?? '' });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before ready: ${seen.slice(-400)}`)));
  });
  return { child, result };
}

/** Stop one process we started (by its handle), SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await gone;
  clearTimeout(timer);
}

/** Resident set size of a process we started, from /proc (Linux), in bytes; 0 when unavailable. */
export function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds (user + system) a process we started has used so far, from
 * /proc/<pid>/stat (Linux); 0 when unavailable. The kernel reports clock ticks
 * of USER_HZ, which is 100 on every Linux ABI.
 */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
