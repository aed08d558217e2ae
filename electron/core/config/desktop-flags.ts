import { serveFlags } from './load';

/** What the desktop app should do, decided from its command line. */
export interface DesktopFlags {
  /** window: the console; wallboard: a kiosk wallboard; headless: the core only, like `callboard serve`. */
  mode: 'window' | 'wallboard' | 'headless';
  wallboard?: {
    /** Queue to show (`--wallboard=630`); absent = all queues. */
    queue?: string;
    /** 0-based index into the displays as Electron lists them (`--display=1`). */
    display?: number;
  };
  /**
   * Arguments for loadConfig (the `callboard serve` flags, including
   * `--config api.conf|callboard.json5` and `--data-dir`); Chromium's switches are dropped.
   */
  coreArgv: string[];
  /** The renderer route (hash) to open, e.g. `/agents` or `/wallboard?queue=630`. */
  route: string;
  /** `--demo`: run against a built-in simulated call center (the demo PBX). */
  isDemo: boolean;
}

const desktopOnly = new Set(['wallboard', 'display', 'headless', 'demo']);

export class DesktopFlagError extends Error {
  override name = 'DesktopFlagError';
}

/**
 * Parse the desktop app's argv (process.argv after the executable and, in
 * development, the script). Chromium and Electron share this argv
 * (`--no-sandbox`, `--enable-logging`, …), so unknown flags are ignored
 * rather than refused; ours are validated strictly. `--wallboard` takes an
 * optional value, which only works in the `--wallboard=630` form (a following
 * bare word would be ambiguous with Electron's app path).
 */
export function parseDesktopFlags(argv: readonly string[]): DesktopFlags {
  // The console opens on the agent grid; the kiosk on the wallboard.
  const flags: DesktopFlags = { mode: 'window', coreArgv: [], route: '/agents', isDemo: false };
  let displayIndex: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (desktopOnly.has(name)) {
      if (name === 'headless' || name === 'demo') {
        if (inline !== undefined) throw new DesktopFlagError(`--${name} takes no value`);
        if (name === 'demo') flags.isDemo = true;
        else flags.mode = 'headless';
      } else if (name === 'wallboard') {
        if (flags.mode !== 'headless') flags.mode = 'wallboard';
        flags.wallboard = { ...flags.wallboard, ...(inline ? { queue: inline } : {}) };
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || !/^\d+$/.test(value)) throw new DesktopFlagError(`--display expects a display number (0, 1, …), got "${value ?? ''}"`);
        displayIndex = Number(value);
      }
      continue;
    }
    const spec = (serveFlags as Record<string, { type: 'string' | 'boolean' }>)[name];
    if (!spec) continue;
    if (spec.type === 'boolean') {
      flags.coreArgv.push(`--${name}`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new DesktopFlagError(`--${name} expects a value`);
    flags.coreArgv.push(`--${name}=${value}`);
  }
  if (displayIndex !== undefined) {
    if (flags.mode !== 'wallboard') throw new DesktopFlagError('--display only applies to --wallboard');
    flags.wallboard = { ...flags.wallboard, display: displayIndex };
  }
  const queue = flags.wallboard?.queue;
  if (flags.mode === 'wallboard') flags.route = queue ? `/wallboard?queue=${encodeURIComponent(queue)}` : '/wallboard';
  return flags;
}

/** A display as Electron's `screen.getAllDisplays()` gives it (only what we need). */
export interface DisplayBounds {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

/** The display for the kiosk: the asked index if it exists, else the primary (first) one. */
export function pickDisplay<T extends DisplayBounds>(displays: readonly T[], index: number | undefined): { display: T | undefined; warning?: string } {
  if (index === undefined) return { display: displays[0] };
  if (index < displays.length) return { display: displays[index] };
  return { display: displays[0], warning: `--display=${index}: only ${displays.length} display(s); using display 0` };
}
