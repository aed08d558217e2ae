import { Worker } from 'node:worker_threads';
import type { Db } from './database';
import { runReadJob, type OnProgress, type ReadJobArgs, type ReadJobName, type ReadJobResult } from './read-jobs';

// Heavy reads (read-jobs.ts) off the main thread: a few worker threads, each with its own
// read-only connection to the cache file, fed from one bounded FIFO queue. The main
// thread only posts a request and gets the answer back, so a search of millions of rows
// costs the live view, the pushes and /healthz nothing but the structured clone.

/** Sent to a worker. */
export interface ReadRequest {
  id: number;
  job: ReadJobName;
  args: unknown;
}

/** Sent back by a worker: progress (any number of times), then a result or an error. */
export type ReadReply = { id: number; progress: number } | { id: number; result: unknown } | { id: number; error: string };

export interface ReadPoolOptions {
  /** The database the jobs read; its file is opened read-only by each worker. */
  db: Db;
  /** Worker threads at most, started when first needed (default 2). */
  workers?: number;
  /** Jobs waiting or running at most; one more is refused with ReadQueueFull (default 32). */
  maxPending?: number;
  /** The worker's script; default read-worker-tsx.mjs from a checkout, read-worker.js next to a built bundle. */
  workerUrl?: URL;
}

/** The pool has `maxPending` jobs already: the caller should try again shortly. */
export class ReadQueueFull extends Error {
  override name = 'ReadQueueFull';
}

export interface ReadPoolStats {
  /** Jobs a worker is running now. */
  running: number;
  /** Jobs waiting for a worker. */
  queued: number;
  /** Worker threads alive. */
  workers: number;
  /** Whether jobs run in worker threads (false: in this thread, for a database only this connection can see). */
  isThreaded: boolean;
}

interface Job {
  id: number;
  job: ReadJobName;
  args: unknown;
  onProgress?: OnProgress;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./read-worker-tsx.mjs', here) : new URL('./read-worker.js', here);
}

/** ':memory:' and temporary databases exist for their one connection only: a worker could not open them. */
function isSharedFile(db: Db): boolean {
  return db.name !== '' && db.name !== ':memory:' && !db.memory;
}

export class ReadPool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly workers = new Set<Worker>();
  private readonly maxWorkers: number;
  private readonly maxPending: number;
  private readonly isThreaded: boolean;
  private inProcessRunning = 0;
  private nextId = 1;
  private isClosed = false;

  constructor(private readonly options: ReadPoolOptions) {
    this.maxWorkers = Math.max(1, options.workers ?? 2);
    this.maxPending = Math.max(1, options.maxPending ?? 32);
    this.isThreaded = isSharedFile(options.db);
  }

  run<J extends ReadJobName>(job: J, args: ReadJobArgs[J], onProgress?: OnProgress): Promise<ReadJobResult<J>> {
    if (this.isClosed) return Promise.reject(new Error('the read pool is closed'));
    const { running, queued } = this.stats();
    if (running + queued >= this.maxPending) {
      return Promise.reject(new ReadQueueFull(`${this.maxPending} history reads are already waiting or running; try again in a moment`));
    }
    if (!this.isThreaded) return this.runHere(job, args, onProgress);
    return new Promise<ReadJobResult<J>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, args, ...(onProgress ? { onProgress } : {}), resolve: resolve as (result: unknown) => void, reject });
      this.dispatch();
    });
  }

  stats(): ReadPoolStats {
    return { running: this.running.size + this.inProcessRunning, queued: this.queue.length, workers: this.workers.size, isThreaded: this.isThreaded };
  }

  /** Refuses what waits, ends the workers (a job they run is abandoned with an error). */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the read pool is closed'));
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private async runHere<J extends ReadJobName>(job: J, args: ReadJobArgs[J], onProgress?: OnProgress): Promise<ReadJobResult<J>> {
    this.inProcessRunning += 1;
    try {
      return await runReadJob(this.options.db, job, args, onProgress);
    } finally {
      this.inProcessRunning -= 1;
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.maxWorkers ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.ref();
      worker.postMessage({ id: job.id, job: job.job, args: job.args } satisfies ReadRequest);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.workerUrl ?? defaultWorkerUrl(), { workerData: { file: this.options.db.name } });
    this.workers.add(worker);
    worker.on('message', (reply: ReadReply) => {
      const job = this.running.get(worker);
      if (!job || job.id !== reply.id) return;
      if ('progress' in reply) {
        job.onProgress?.(reply.progress);
        return;
      }
      this.running.delete(worker);
      // Only a worker with a job keeps the process alive; idle ones end with close() or the process.
      worker.unref();
      this.idle.push(worker);
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.result);
      this.dispatch();
    });
    // A worker that dies (out of memory, a native crash, the file gone) takes only its job with it; the next job starts a new one.
    const lost = (error: Error) => {
      if (!this.workers.delete(worker)) return;
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const job = this.running.get(worker);
      this.running.delete(worker);
      job?.reject(error);
      if (!this.isClosed) this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the history read worker stopped (exit code ${code})`)));
    return worker;
  }
}
