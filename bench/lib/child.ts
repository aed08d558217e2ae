import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Messages a child sends: one or more results, or an error. */
export type ChildMessage = { type: string; [key: string]: unknown };

/**
 * A bench script running in its own Node process (TypeScript through tsx), so
 * the thing measured owns a whole core and its own heap, and talks to us only
 * through real sockets. Messages come back over the fork IPC channel.
 */
export class ChildHandle {
  private readonly inbox: ChildMessage[] = [];
  private waiters: ((message: ChildMessage) => void)[] = [];
  private exited: Error | undefined;
  readonly process: ChildProcess;

  constructor(script: string, args: string[] = [], execArgv: string[] = []) {
    this.process = fork(join(benchDir, script), args, {
      execArgv: ['--import', 'tsx', ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (message: ChildMessage) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.inbox.push(message);
    });
    this.process.on('exit', (code, signal) => {
      this.exited = new Error(`${script} exited (code ${code}, signal ${signal})`);
      for (const waiter of this.waiters) waiter({ type: 'exit', error: this.exited.message });
      this.waiters = [];
    });
  }

  /** The next message; rejects on an `error` message, on exit, or after `timeoutMs`. */
  async next<T extends { type: string }>(timeoutMs = 600_000): Promise<T> {
    const queued = this.inbox.shift();
    const message =
      queued ??
      (this.exited
        ? { type: 'exit', error: this.exited.message }
        : await new Promise<ChildMessage>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`child gave no answer within ${timeoutMs} ms`)), timeoutMs);
            this.waiters.push((m) => {
              clearTimeout(timer);
              resolve(m);
            });
          }));
    if (message.type === 'error' || message.type === 'exit') throw new Error(String(message.error));
    return message as unknown as T;
  }

  send(message: ChildMessage): void {
    this.process.send(message);
  }

  /** Ask politely (a `stop` message), then SIGKILL this child (only this pid) if it lingers. */
  async stop(graceMs = 3_000): Promise<void> {
    if (this.exited || this.process.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      this.process.send({ type: 'stop' });
    } catch {
      // channel already closed
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** Run a child to completion and return its one `result` message. */
export async function runChild<T extends { type: string }>(script: string, args: string[] = [], timeoutMs = 600_000): Promise<T> {
  const child = new ChildHandle(script, args);
  try {
    return await child.next<T>(timeoutMs);
  } finally {
    await child.stop();
  }
}

/** In a child: send a message to the parent. */
export function reply(message: ChildMessage): void {
  process.send?.(message);
}

/** In a child: run `main` (which may return its cleanup), report its failure to the parent, clean up and exit on `stop`. */
export function childMain(main: () => Promise<(() => Promise<void> | void) | void>): void {
  let cleanup: (() => Promise<void> | void) | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await cleanup?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  main()
    .then((done) => {
      if (done) cleanup = done;
    })
    .catch((error: unknown) => {
      reply({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      setTimeout(() => process.exit(1), 100);
    });
}
