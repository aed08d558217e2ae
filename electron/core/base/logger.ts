import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatWithOptions } from 'node:util';
import { redactUrlCredentials } from './redact-url';

export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Console logger with a prefix; secrets never reach it (config redacts them before logging). */
export function consoleLogger(prefix = 'callboard', quiet = false): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (message, ...details) => {
      if (!quiet) console.log(`${stamp()} [${prefix}] ${message}`, ...details);
    },
    warn: (message, ...details) => console.warn(`${stamp()} [${prefix}] WARN ${message}`, ...details),
    error: (message, ...details) => console.error(`${stamp()} [${prefix}] ERROR ${message}`, ...details),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface RotatingFileLogOptions {
  /** Folder for the log files (the desktop app: userData/logs). */
  dir: string;
  /** File name stem: `<name>.log`, rotated to `<name>.1.log` … `<name>.<keep>.log`. */
  name?: string;
  /** Rotate when the current file would pass this size (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 5). */
  keep?: number;
  /** Also write to the console (development). */
  echo?: Logger;
}

export interface FileLogger extends Logger {
  readonly file: string;
}

/**
 * Size-based rotating file log. Writes are synchronous appends: the main
 * process logs little (connections, errors), and a line written before a
 * crash is the one that matters. Sizes are tracked in memory from the file's
 * size at start, so rotation costs no stat per line.
 */
export function rotatingFileLogger(prefix: string, options: RotatingFileLogOptions): FileLogger {
  const name = options.name ?? 'main';
  const maxBytes = options.maxBytes ?? 1 << 20;
  const keep = Math.max(0, options.keep ?? 5);
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, `${name}.log`);
  let size = existsSync(file) ? statSync(file).size : 0;
  const rotate = () => {
    const numbered = (n: number) => join(options.dir, `${name}.${n}.log`);
    if (keep === 0) rmSync(file, { force: true });
    else {
      rmSync(numbered(keep), { force: true });
      for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
      renameSync(file, numbered(1));
    }
    size = 0;
  };
  const write = (level: string, message: string, details: unknown[]) => {
    const line = `${new Date().toISOString()} [${prefix}] ${level} ${formatWithOptions({ breakLength: Infinity }, message, ...details)}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    try {
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // A full or read-only disk must not take the app down with it; the console still has the line.
    }
  };
  return {
    file,
    info: (message, ...details) => {
      write('INFO', message, details);
      options.echo?.info(message, ...details);
    },
    warn: (message, ...details) => {
      write('WARN', message, details);
      options.echo?.warn(message, ...details);
    },
    error: (message, ...details) => {
      write('ERROR', message, details);
      options.echo?.error(message, ...details);
    },
  };
}

/**
 * Defence in depth: replace any known secret value (AMI secrets, WEBKEY,
 * token) and the credentials of any URL by *** in messages and string details
 * before they reach `inner`. Config is redacted before logging anyway
 * (redactConfig); this catches an error message that quotes a secret.
 */
export function redactingLogger(inner: Logger, secrets: () => Iterable<string | undefined>): Logger {
  const scrub = (value: unknown): unknown => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (value instanceof Error) text = `${value.name}: ${value.message}`;
    else return value;
    for (const secret of secrets()) if (secret && secret.length >= 3) text = text.split(secret).join('***');
    return redactUrlCredentials(text);
  };
  const wrap = (call: (message: string, ...details: unknown[]) => void) => (message: string, ...details: unknown[]) =>
    call(scrub(message) as string, ...details.map(scrub));
  return { info: wrap(inner.info.bind(inner)), warn: wrap(inner.warn.bind(inner)), error: wrap(inner.error.bind(inner)) };
}
