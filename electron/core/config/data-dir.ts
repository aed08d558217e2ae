import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder, where Electron's `userData` would be for "Callboard". */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Callboard');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Callboard');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Callboard');
}
