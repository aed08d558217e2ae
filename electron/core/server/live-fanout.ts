import type { LiveUpdate } from '../contract';
import type { LiveModel } from '../live/model';
import { LiveBatcher } from './live-batcher';
import { QueueDeltas } from './queue-deltas';

export interface FanoutSubscriber {
  /** A batch every subscriber of the same view that kept up gets: the same bytes, encoded once. */
  sendShared: (encoded: Buffer) => void;
  /** A batch of this subscriber's own: its first reset, and what coalesced while it was behind. */
  send: (updates: LiveUpdate[]) => void;
  /** False while the subscriber is not reading (a slow WebSocket). */
  canSend: () => boolean;
}

interface Member {
  subscriber: FanoutSubscriber;
  own: LiveBatcher;
}

interface ViewGroup {
  members: Set<Member>;
  deltas: QueueDeltas;
  close(): void;
}

/**
 * The live streams of many WebSocket clients (wallboards on the LAN) from one
 * model. Each view (one per role) subscribes to the model once, batches once
 * and encodes each batch once, and every client of that view that has kept up
 * is sent the same bytes: a batch costs one JSON.stringify, not one per client.
 * A client that falls behind (its socket above low water) leaves the shared
 * batches: what it misses coalesces in its own LiveBatcher, exactly as a lone
 * subscriber's would (live-stream.ts), and once that is sent it rejoins.
 * Updates replace whole entities, so a batch that overlaps a client's first
 * snapshot changes nothing on its screen. A queue goes as the members that
 * changed (queue-deltas.ts), against what the view's clients were last sent;
 * a client joining makes the next batch send its queues whole again.
 */
export class LiveFanout {
  private readonly groups = new Map<string, ViewGroup>();

  constructor(
    private readonly model: LiveModel,
    private readonly encode: (updates: LiveUpdate[]) => Buffer,
    private readonly intervalMs = 25,
  ) {}

  /**
   * Subscribe with the view named `viewKey` (the same key must always mean the
   * same `view`): a reset with the current snapshot at once, then the batches.
   * Returns the stop to call when the subscriber goes away.
   */
  stream(viewKey: string, view: (update: LiveUpdate) => LiveUpdate | undefined, subscriber: FanoutSubscriber): () => void {
    let group = this.groups.get(viewKey);
    if (!group) {
      group = this.openGroup(view);
      this.groups.set(viewKey, group);
    }
    const member: Member = { subscriber, own: new LiveBatcher(subscriber.send, this.intervalMs, subscriber.canSend) };
    const reset = view({ kind: 'reset', snapshot: this.model.snapshot() });
    if (reset) member.own.push(reset);
    member.own.flush();
    group.members.add(member);
    group.deltas.forget();
    const joined = group;
    return () => {
      member.own.stop();
      joined.members.delete(member);
      if (joined.members.size === 0 && this.groups.get(viewKey) === joined) {
        joined.close();
        this.groups.delete(viewKey);
      }
    };
  }

  private openGroup(view: (update: LiveUpdate) => LiveUpdate | undefined): ViewGroup {
    const members = new Set<Member>();
    const deltas = new QueueDeltas();
    const shared = new LiveBatcher((batch) => {
      const updates = deltas.reduce(batch);
      if (updates.length === 0) return;
      let encoded: Buffer | undefined;
      for (const { subscriber, own } of members) {
        if (own.isEmpty() && subscriber.canSend()) {
          encoded ??= this.encode(updates);
          subscriber.sendShared(encoded);
        } else {
          for (const update of updates) own.push(update);
          own.flush();
        }
      }
    }, this.intervalMs);
    const unsubscribe = this.model.subscribe((update) => {
      const visible = view(update);
      if (visible) shared.push(visible);
    });
    return {
      members,
      deltas,
      close() {
        unsubscribe();
        shared.stop();
      },
    };
  }
}
