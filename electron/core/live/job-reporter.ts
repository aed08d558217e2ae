import { randomUUID } from 'node:crypto';
import type { Job } from '../contract';
import type { LiveModel } from './model';

export interface JobStart {
  kind: Job['kind'];
  label: string;
  unit: Job['unit'];
  id?: string;
  total?: number;
}

/**
 * One long job's progress as `job` LiveUpdates: every client's status bar
 * shows it. Progress is throttled (a million-row export reports per thousand
 * rows); the start and the outcome always go out.
 */
export class JobReporter {
  private job: Job;
  private lastSentAt = 0;

  constructor(
    private readonly model: LiveModel,
    start: JobStart,
    private readonly everyMs = 200,
  ) {
    const { id = randomUUID(), ...rest } = start;
    this.job = { ...rest, id, state: 'running', done: 0, rows: 0, startedAt: model.now() };
    model.putJob(this.job);
  }

  get id(): string {
    return this.job.id;
  }

  progress(patch: Partial<Pick<Job, 'done' | 'total' | 'rows'>>): void {
    this.job = { ...this.job, ...patch };
    const now = Date.now();
    if (now - this.lastSentAt < this.everyMs) return;
    this.lastSentAt = now;
    this.model.putJob(this.job);
  }

  finish(outcome: Pick<Job, 'message' | 'rows'> & Partial<Pick<Job, 'errorCount' | 'errors'>>): void {
    this.end({ ...outcome, state: 'done', done: this.job.total ?? this.job.done });
  }

  fail(message: string): void {
    this.end({ state: 'failed', message });
  }

  /** A job ends once: a later fail() (say, the download cancelled after the file was written) changes nothing. */
  private end(patch: Partial<Job>): void {
    if (this.job.state !== 'running') return;
    this.job = { ...this.job, ...patch, endedAt: this.model.now() };
    this.model.putJob(this.job);
  }
}
