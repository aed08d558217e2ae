import type { Call, Connection, Extension, Job, LiveUpdate, Notice, Queue, QueueDay, QueueSample, SharedSetting, Snapshot } from '../contract';

export type LiveListener = (update: LiveUpdate) => void;

/**
 * The live model: current extensions, calls, queues and connections, fed by
 * the AMI reducers and the push receiver alike. Every change goes through one
 * of the `put*`/`remove*` methods so listeners (server, SQLite writer, tests)
 * see the same ordered stream of LiveUpdates.
 */
export class LiveModel {
  readonly extensions = new Map<string, Extension>();
  readonly calls = new Map<string, Call>();
  readonly queues = new Map<string, Queue>();
  readonly connections = new Map<string, Connection>();
  readonly notices = new Map<string, Notice>();
  /** Each queue's day (the day ledger's), kept across resyncs like connections. */
  readonly days = new Map<string, QueueDay>();
  private readonly listeners = new Set<LiveListener>();

  constructor(private readonly clock: () => number = Date.now) {}

  now(): number {
    return this.clock();
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  putExtension(extension: Extension): void {
    this.extensions.set(extension.id, extension);
    this.emit({ kind: 'extension', extension });
  }

  removeExtension(id: string): void {
    if (this.extensions.delete(id)) this.emit({ kind: 'extensionRemoved', id });
  }

  putCall(call: Call): void {
    this.calls.set(call.id, call);
    this.emit({ kind: 'call', call });
  }

  endCall(id: string, endedAt: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    this.emit({ kind: 'callEnded', call: { ...call, state: 'ended', endedAt } });
  }

  putQueue(queue: Queue): void {
    this.queues.set(queue.name, queue);
    this.emit({ kind: 'queue', queue });
  }

  removeQueue(name: string): void {
    if (this.queues.delete(name)) this.emit({ kind: 'queueRemoved', name });
  }

  putDay(day: QueueDay): void {
    this.days.set(day.queue, day);
    this.emit({ kind: 'queueDay', day });
  }

  /** A round of wallboard samples (live/queue-sampler.ts): told, not kept here. */
  putSamples(samples: Record<string, QueueSample>): void {
    this.emit({ kind: 'queueSamples', samples });
  }

  putConnection(connection: Connection): void {
    this.connections.set(connection.id, connection);
    this.emit({ kind: 'connection', connection });
  }

  /** A condition of the core (damaged or full cache) every console shows; same id replaces. */
  putNotice(notice: Notice): void {
    this.notices.set(notice.id, notice);
    this.emit({ kind: 'notice', notice });
  }

  removeNotice(id: string): void {
    if (this.notices.delete(id)) this.emit({ kind: 'noticeRemoved', id });
  }

  /**
   * Progress of a long job (import/export). Jobs are not part of the snapshot:
   * a client that connects mid-job sees the bar from the next progress update.
   */
  putJob(job: Job): void {
    this.emit({ kind: 'job', job });
  }

  /** A shared setting changed (Settings page): every console reads it again; not part of the snapshot. */
  settingsChanged(setting: SharedSetting): void {
    this.emit({ kind: 'settingsChanged', setting });
  }

  snapshot(): Snapshot {
    return {
      at: this.clock(),
      extensions: [...this.extensions.values()],
      calls: [...this.calls.values()],
      queues: [...this.queues.values()],
      connections: [...this.connections.values()],
      notices: [...this.notices.values()],
      days: [...this.days.values()],
    };
  }

  /** Replace the PBX state (after a resync) and tell listeners with one reset; connections, notices and days are the core's own and stay. */
  reset(next: Omit<Snapshot, 'at' | 'connections' | 'notices' | 'days'>): void {
    this.extensions.clear();
    this.calls.clear();
    this.queues.clear();
    for (const e of next.extensions) this.extensions.set(e.id, e);
    for (const c of next.calls) this.calls.set(c.id, c);
    for (const q of next.queues) this.queues.set(q.name, q);
    this.emit({ kind: 'reset', snapshot: this.snapshot() });
  }

  private emit(update: LiveUpdate): void {
    for (const listener of this.listeners) listener(update);
  }
}
