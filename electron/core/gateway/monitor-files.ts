import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

// `/monitor/<filePath>` (coocenter-api.md #15): a recording under the configured
// directory (a local or mounted copy of /var/spool/asterisk/monitor/). Nothing
// outside it can be read: the name is checked as text first (no NUL, no `..`
// segment, no absolute path, no backslash, no drive letter), then the real path
// of the file, symlinks resolved, must still lie inside the real directory.

export type MonitorFile = { ok: true; path: string; size: number } | { ok: false; status: 400 | 404; message: string };

const MONITOR_PREFIX = '/var/spool/asterisk/monitor/';

/** The name as the client sent it (already URL-decoded) → a path inside `directory`, or why not. */
export async function resolveMonitorFile(directory: string | undefined, requested: string): Promise<MonitorFile> {
  if (!directory) return { ok: false, status: 404, message: 'File not found' };
  // cc_cdr filePath may be the absolute MixMonitor path: that one prefix is dropped, no other absolute path is allowed.
  const name = requested.startsWith(MONITOR_PREFIX) ? requested.slice(MONITOR_PREFIX.length) : requested;
  const segments = name.split('/');
  const isUnsafe = name === '' || name.includes('\0') || name.includes('\\') || isAbsolute(name) || /^[A-Za-z]:/.test(name)
    || segments.some((segment) => segment === '..' || segment === '.' || segment === '');
  if (isUnsafe) return { ok: false, status: 400, message: 'Invalid file path' };
  let root: string;
  let real: string;
  try {
    root = await realpath(resolve(directory));
    real = await realpath(resolve(root, name));
  } catch {
    return { ok: false, status: 404, message: 'File not found' };
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { ok: false, status: 404, message: 'File not found' };
  }
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return { ok: false, status: 404, message: 'File not found' };
  return { ok: true, path: real, size: info.size };
}
