import { TokenBucketLimiter, type TokenBucketOptions } from '../base/token-bucket';
import { readRetry, type Caller } from '../contract';
import type { Db } from './database';
import type { OnProgress, ReadJobArgs, ReadJobName, ReadJobResult } from './read-jobs';
import { ReadPool, ReadQueueFull, type ReadPoolOptions, type ReadPoolStats } from './read-pool';

/**
 * The one way history leaves the cache, whichever transport asked (IPC, HTTP,
 * WebSocket, an export download): each client spends a token per read, then the
 * job waits its turn in the read pool (store/read-pool.ts), off the main thread.
 */
export interface Reads {
  run<J extends ReadJobName>(caller: Caller | undefined, job: J, args: ReadJobArgs[J], onProgress?: OnProgress): Promise<ReadJobResult<J>>;
  stats(): ReadPoolStats;
  close(): Promise<void>;
}

/** A read turned away before it ran: over the client's rate, or the pool is full. Transports answer 429 / 503 with Retry-After. */
export class ReadRefused extends Error {
  override name = 'ReadRefused';
  constructor(
    readonly code: 'rate_limited' | 'busy',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * `read`, run again after its Retry-After while it is turned away for a short while (contract
 * readRetry): for a browser download, which would save a refusal as a file ("calls.json").
 */
export async function runPatiently<T>(read: () => Promise<T>, wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ReadRefused) || attempt >= readRetry.times || error.retryAfterSeconds > readRetry.longestWaitSeconds) throw error;
      await wait(error.retryAfterSeconds * 1000);
    }
  }
}

/** Per client: a burst of 20 (a page opening with its search, totals and first pages), then 5 a second. */
export const defaultReadRate: TokenBucketOptions = { ratePerSecond: 5, burst: 20 };

export interface ReadsOptions extends Omit<ReadPoolOptions, 'db'> {
  perClient?: TokenBucketOptions;
}

export function createReads(db: Db, options: ReadsOptions = {}): Reads {
  const pool = new ReadPool({ db, ...options });
  const limiter = new TokenBucketLimiter(options.perClient ?? defaultReadRate);
  return {
    async run(caller, job, args, onProgress) {
      const who = caller?.who ?? 'core';
      if (!limiter.take(who)) {
        const seconds = Math.max(1, limiter.retryAfterSeconds(who));
        throw new ReadRefused('rate_limited', `too many history reads from ${who}; try again in ${seconds} s`, seconds);
      }
      try {
        return await pool.run(job, args, onProgress);
      } catch (error) {
        if (error instanceof ReadQueueFull) throw new ReadRefused('busy', error.message, 1);
        throw error;
      }
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

/** Contexts built without the core's reads (embedders, tests) get one per database, with the default limits. */
const perDatabase = new WeakMap<Db, Reads>();

export function readsOf(context: { db: Db; reads?: Reads }): Reads {
  if (context.reads) return context.reads;
  let reads = perDatabase.get(context.db);
  if (!reads) perDatabase.set(context.db, (reads = createReads(context.db)));
  return reads;
}
