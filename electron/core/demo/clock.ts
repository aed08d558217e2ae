/**
 * Virtual clock and scheduler. Simulated time only moves in `advance`, either
 * from a test (`step`) or from a real-time driver scaled by `speed`. Tasks sit
 * in a binary heap, so a tick costs O(tasks due · log n) however many agents
 * exist: 2,000 idle agents cost nothing.
 */
interface Task {
  at: number;
  seq: number;
  run: () => void;
  isCancelled: boolean;
}

export interface TaskHandle {
  cancel(): void;
}

export class VirtualClock {
  private heap: Task[] = [];
  private seq = 0;
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  /** Current simulated time, Unix milliseconds. */
  now(): number {
    return this.current;
  }

  get pendingTasks(): number {
    return this.heap.length;
  }

  at(when: number, run: () => void): TaskHandle {
    const task: Task = { at: Math.max(when, this.current), seq: this.seq++, run, isCancelled: false };
    this.push(task);
    return { cancel: () => { task.isCancelled = true; } };
  }

  after(delayMs: number, run: () => void): TaskHandle {
    return this.at(this.current + delayMs, run);
  }

  /** Run every task due up to now + ms, in time order (ties: scheduling order). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const head = this.heap[0];
      if (!head || head.at > target) break;
      this.pop();
      this.current = Math.max(this.current, head.at);
      if (!head.isCancelled) head.run();
    }
    this.current = target;
  }

  private push(task: Task): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!isBefore(heap[i] as Task, heap[parent] as Task)) break;
      [heap[i], heap[parent]] = [heap[parent] as Task, heap[i] as Task];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && isBefore(heap[left] as Task, heap[best] as Task)) best = left;
      if (right < heap.length && isBefore(heap[right] as Task, heap[best] as Task)) best = right;
      if (best === i) break;
      [heap[i], heap[best]] = [heap[best] as Task, heap[i] as Task];
      i = best;
    }
  }
}

function isBefore(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
