import { liveUpdateKey, type LiveUpdate } from '../contract';

/**
 * Collects live updates for one subscriber and hands them over in batches.
 * Updates replace whole entities, so within a batch only the last update per
 * entity is kept (2,000 agents changing 200×/s stay cheap on the wire); a
 * reset drops everything before it. Each subscriber of either transport has
 * one (server/live-stream.ts). While `canSend` says no (a WebSocket client not reading), batches wait and
 * keep coalescing, so what waits is bounded by the number of entities.
 */
export class LiveBatcher {
  private pending = new Map<string, LiveUpdate>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (updates: LiveUpdate[]) => void,
    private readonly intervalMs = 25,
    private readonly canSend: () => boolean = () => true,
  ) {}

  push(update: LiveUpdate): void {
    if (update.kind === 'reset') this.pending.clear();
    const key = liveUpdateKey(update);
    // Re-insert so the entity moves to the end: its latest position in the stream.
    this.pending.delete(key);
    this.pending.set(key, update);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Nothing waits to be sent. */
  isEmpty(): boolean {
    return this.pending.size === 0;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    if (!this.canSend()) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      return;
    }
    const updates = [...this.pending.values()];
    this.pending.clear();
    this.send(updates);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
