import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or why there is none (build machines set ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary(): { path?: string; reason?: string } {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? { path } : { reason: `Electron binary missing at ${path}` };
  } catch (error) {
    return { reason: `Electron binary not installed (${(error as Error).message.split('\n')[0]}); it is skipped on machines that set ELECTRON_SKIP_BINARY_DOWNLOAD=1` };
  }
}

/** Whether `npm run build` produced the Electron bundle. */
export const isElectronBuilt = (): boolean => existsSync('out/main/index.js');
