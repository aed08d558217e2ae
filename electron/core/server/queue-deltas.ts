import type { LiveUpdate, Queue } from '../contract';

interface SentQueue {
  /** Everything of the queue but its members' fields: when this changes, the whole queue goes. */
  shape: string;
  /** Each member as last sent, by interface. */
  members: Map<string, string>;
}

function shapeOf({ members, ...rest }: Queue): string {
  return JSON.stringify([rest, members.map((m) => m.interface)]);
}

/**
 * Turns whole-queue updates into the members that changed. The queue tracker
 * puts a queue back with every member (200 of them, ≈ 12 KB) whenever one
 * member's state changes — at 200 extension changes a second that was 95 % of
 * a wallboard's bytes. One instance serves one stream of batches whose
 * receivers all hold the queues as last sent here; `forget` starts over, so
 * the next update of every queue is whole (a receiver joined with a snapshot
 * these deltas know nothing of).
 */
export class QueueDeltas {
  private sent = new Map<string, SentQueue>();

  forget(): void {
    this.sent.clear();
  }

  reduce(updates: LiveUpdate[]): LiveUpdate[] {
    const out: LiveUpdate[] = [];
    for (const update of updates) {
      if (update.kind === 'queue') this.reduceQueue(update.queue, out);
      else {
        if (update.kind === 'queueRemoved') this.sent.delete(update.name);
        else if (update.kind === 'reset') this.sent.clear();
        out.push(update);
      }
    }
    return out;
  }

  private reduceQueue(queue: Queue, out: LiveUpdate[]): void {
    const shape = shapeOf(queue);
    const members = new Map(queue.members.map((m) => [m.interface, JSON.stringify(m)]));
    const before = this.sent.get(queue.name);
    this.sent.set(queue.name, { shape, members });
    if (before?.shape !== shape) {
      out.push({ kind: 'queue', queue });
      return;
    }
    for (const member of queue.members) {
      if (before.members.get(member.interface) !== members.get(member.interface)) out.push({ kind: 'queueMember', queue: queue.name, member });
    }
  }
}
