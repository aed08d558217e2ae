export interface TokenBucketOptions {
  /** Tokens added per second (sustained requests/s per key). */
  ratePerSecond: number;
  /** Bucket size: how many requests may arrive at once after a quiet period. */
  burst: number;
  /** Buckets kept at most; the least recently used is dropped (a spoofed-address flood cannot grow memory). */
  maxKeys?: number;
  clock?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket per key (the remote IP). Every take() refills the key's bucket
 * for the time passed, then spends one token if there is one. Buckets live in
 * a Map in insertion order, re-inserted on use, so the oldest key is the least
 * recently used one and is evicted first when maxKeys is reached.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) throw new Error('rate limit: ratePerSecond must be > 0 and burst >= 1');
    this.clock = options.clock ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** True when the request may go on; false when the key is over its rate. */
  take(key: string): boolean {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + elapsed * this.options.ratePerSecond);
    bucket.at = now;
    this.buckets.delete(key);
    const isAllowed = bucket.tokens >= 1;
    if (isAllowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return isAllowed;
  }

  /** Seconds until the key has a whole token again (for Retry-After). */
  retryAfterSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil((1 - bucket.tokens) / this.options.ratePerSecond);
  }

  get size(): number {
    return this.buckets.size;
  }
}
