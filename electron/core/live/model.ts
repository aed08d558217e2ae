import { applyLiveUpdate, snapshotOf, type Alert, type Call, type Connection, type Extension, type Job, type LiveState, type LiveUpdate, type Notice, type Queue, type QueueDay, type QueueSample, type SharedSetting, type Snapshot } from '../contract';

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
  /** Alerts standing now (electron/core/alerts), kept across resyncs. */
  readonly alerts = new Map<string, Alert>();
  private readonly listeners = new Set<LiveListener>();
  private readonly state: LiveState = {
    at: 0,
    extensions: this.extensions,
    calls: this.calls,
    queues: this.queues,
    connections: this.connections,
    notices: this.notices,
    days: this.days,
    alerts: this.alerts,
  };

  constructor(private readonly clock: () => number = Date.now) {}

  now(): number {
    return this.clock();
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  putExtension(extension: Extension): void {
    this.apply({ kind: 'extension', extension });
  }

  removeExtension(id: string): void {
    if (this.extensions.has(id)) this.apply({ kind: 'extensionRemoved', id });
  }

  putCall(call: Call): void {
    this.apply({ kind: 'call', call });
  }

  endCall(id: string, endedAt: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.apply({ kind: 'callEnded', call: { ...call, state: 'ended', endedAt } });
  }

  putQueue(queue: Queue): void {
    this.apply({ kind: 'queue', queue });
  }

  removeQueue(name: string): void {
    if (this.queues.has(name)) this.apply({ kind: 'queueRemoved', name });
  }

  putDay(day: QueueDay): void {
    this.apply({ kind: 'queueDay', day });
  }

  /** A round of wallboard samples (live/queue-sampler.ts): told, not kept here. */
  putSamples(samples: Record<string, QueueSample>): void {
    this.apply({ kind: 'queueSamples', samples });
  }

  /** The whole list of standing alerts (alerts/engine.ts). */
  putAlerts(alerts: Alert[]): void {
    this.apply({ kind: 'alerts', alerts });
  }

  putConnection(connection: Connection): void {
    this.apply({ kind: 'connection', connection });
  }

  /** A condition of the core (damaged or full cache) every console shows; same id replaces. */
  putNotice(notice: Notice): void {
    this.apply({ kind: 'notice', notice });
  }

  removeNotice(id: string): void {
    if (this.notices.has(id)) this.apply({ kind: 'noticeRemoved', id });
  }

  /**
   * Progress of a long job (import/export). Jobs are not part of the snapshot:
   * a client that connects mid-job sees the bar from the next progress update.
   */
  putJob(job: Job): void {
    this.apply({ kind: 'job', job });
  }

  /** A shared setting changed (Settings page): every console reads it again; not part of the snapshot. */
  settingsChanged(setting: SharedSetting): void {
    this.apply({ kind: 'settingsChanged', setting });
  }

  snapshot(): Snapshot {
    return snapshotOf(this.state, this.clock());
  }

  /** Replace the PBX state (after a resync) and tell listeners with one reset; connections, notices, days and alerts are the core's own and stay. */
  reset(next: Omit<Snapshot, 'at' | 'connections' | 'notices' | 'days' | 'alerts'>): void {
    const { connections, notices, days, alerts } = this.snapshot();
    this.apply({ kind: 'reset', snapshot: { ...next, at: this.clock(), connections, notices, days, alerts } });
  }

  private apply(update: LiveUpdate): void {
    applyLiveUpdate(this.state, update);
    for (const listener of this.listeners) listener(update);
  }
}
