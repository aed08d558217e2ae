import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callWav } from './wav';

/** Recording names as MixMonitor writes them: no slashes, no `..` (path traversal is impossible). */
export const RECORDING_NAME = /^[A-Za-z0-9._-]+\.wav$/;

/** How many recordings the demo keeps (≤ 320 kB each): older ones are deleted, as a retention job would. */
export const DEFAULT_RECORDINGS_KEPT = 200;

/**
 * The demo PBX's MixMonitor output: each recorded call's file name and length,
 * the newest `limit` of them. With a directory, each one is also written there as
 * a real WAV file (the monitor folder a plain Asterisk setup mounts for Callboard);
 * the vendor API's `/monitor/` serves the same bytes.
 */
export class DemoRecordings {
  private readonly lengths = new Map<string, number>();
  /** Files in the directory, oldest first (those of earlier runs included). */
  private readonly files: string[] = [];
  private writes = Promise.resolve();

  constructor(private readonly directory?: string, private readonly limit = DEFAULT_RECORDINGS_KEPT) {
    if (!directory) return;
    mkdirSync(directory, { recursive: true });
    const earlier = readdirSync(directory).filter((name) => RECORDING_NAME.test(name))
      .map((name) => ({ name, at: statSync(join(directory, name)).mtimeMs }))
      .sort((a, b) => a.at - b.at);
    this.files.push(...earlier.map((file) => file.name));
    this.prune();
  }

  /** MixMonitor stopped: `name` holds `seconds` of audio (capped in callWav). */
  add(name: string, seconds: number): void {
    if (!RECORDING_NAME.test(name)) return;
    this.lengths.delete(name);
    this.lengths.set(name, seconds);
    for (const oldest of this.lengths.keys()) {
      if (this.lengths.size <= this.limit) break;
      this.lengths.delete(oldest);
    }
    if (!this.directory) return;
    const path = join(this.directory, name);
    if (!this.files.includes(name)) this.files.push(name);
    this.queue(() => writeFile(path, callWav(seconds)));
    this.prune();
  }

  /** The WAV bytes of a recording of this run, if it is still kept. */
  wav(name: string): Buffer | undefined {
    const seconds = RECORDING_NAME.test(name) ? this.lengths.get(name) : undefined;
    return seconds === undefined ? undefined : callWav(seconds);
  }

  /** Resolves once every file started so far is written or deleted. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private prune(): void {
    const { directory } = this;
    if (!directory) return;
    while (this.files.length > this.limit) {
      const name = this.files.shift()!;
      this.queue(() => unlink(join(directory, name)));
    }
  }

  /** One file operation at a time, in order; a failed one (disk full, file gone) loses that file only. */
  private queue(operation: () => Promise<void>): void {
    this.writes = this.writes.then(operation).catch(() => undefined);
  }
}
