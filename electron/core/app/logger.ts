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
