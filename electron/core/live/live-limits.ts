import type { Notice, NoticeCode } from '../contract';
import type { LiveModel } from './model';

/**
 * How much of a PBX the live model follows. A broken or hostile AMI peer can open
 * channels, callers, members, extensions and queues without ever closing them, and
 * send header values up to the frame bound (1 MiB); without these bounds it grew the
 * model until the process died of memory in 60–80 s. Each default leaves room for a
 * large call center (thousands of agents, ringall queues through Local channels);
 * `liveLimits` in the config file changes them.
 */
export interface LiveLimits {
  /** Channels followed at once (calls have at least one each); past it the least recently active one is dropped. */
  maxChannels: number;
  /** Extensions; past it new ones are left out (the snapshot brings the real ones first). */
  maxExtensions: number;
  /** Queues; past it new ones are left out. */
  maxQueues: number;
  /** Members per queue; past it new ones are left out. */
  maxMembersPerQueue: number;
  /** Waiting callers per queue; past it the one waiting longest is dropped from the list. */
  maxCallersPerQueue: number;
  /** Characters kept of a header value that becomes a model field (Asterisk's own names stay within 80–150). */
  maxFieldChars: number;
  /** Characters kept of a variable's value (VarSet Value, ChanVariable: recording paths). */
  maxValueChars: number;
  /** A channel with no event for this long is doubted: the backend asks the PBX for its channels again (a resync). */
  staleChannelMs: number;
}

export const defaultLiveLimits: LiveLimits = {
  maxChannels: 20_000,
  maxExtensions: 10_000,
  maxQueues: 1_000,
  maxMembersPerQueue: 2_000,
  maxCallersPerQueue: 1_000,
  maxFieldChars: 256,
  maxValueChars: 1_024,
  staleChannelMs: 6 * 3_600_000,
};

export type LiveCap = 'channels' | 'extensions' | 'queues' | 'members' | 'callers' | 'fields';

const noticeCodes: Record<LiveCap, NoticeCode> = {
  channels: 'live_channels_capped',
  extensions: 'live_extensions_capped',
  queues: 'live_queues_capped',
  members: 'live_members_capped',
  callers: 'live_callers_capped',
  fields: 'live_fields_cut',
};

/** The log line (and the notice's English) of a cap the first time it is hit. */
function describe(cap: LiveCap, limits: LiveLimits): { message: string; limit: number } {
  switch (cap) {
    case 'channels':
      return { limit: limits.maxChannels, message: `the PBX reports more than ${limits.maxChannels} channels open at once: the least recently active ones are left out of the live view (channels opened and never hung up?)` };
    case 'extensions':
      return { limit: limits.maxExtensions, message: `the PBX reports more than ${limits.maxExtensions} extensions: the ones past the limit are left out of the live view` };
    case 'queues':
      return { limit: limits.maxQueues, message: `the PBX reports more than ${limits.maxQueues} queues: the ones past the limit are left out of the live view` };
    case 'members':
      return { limit: limits.maxMembersPerQueue, message: `a queue has more than ${limits.maxMembersPerQueue} members: the ones past the limit are left out of the live view` };
    case 'callers':
      return { limit: limits.maxCallersPerQueue, message: `more than ${limits.maxCallersPerQueue} callers wait in one queue: the longest waiting are dropped from its list (callers that never left?)` };
    default:
      return { limit: limits.maxFieldChars, message: `the PBX sent header values longer than ${limits.maxFieldChars} characters (${limits.maxValueChars} for variables): they are cut to that length in the live model` };
  }
}

/** How often a cap that keeps being hit is logged again, with how many times since. */
const REPORT_EVERY_MS = 60_000;

interface CapState {
  count: number;
  reportedCount: number;
  reportedAt: number;
  notice: Notice;
}

/**
 * The live model's bounds and what happens when one is reached: the first time, a
 * warning in the log and a notice in the live model (every console shows it); after
 * that a line a minute at most, and the notice's count kept current without a new
 * `at` (a dismissed notice stays dismissed). One per AMI backend, shared by the
 * reducers of its resyncs, telling the model every console reads.
 */
export class LiveCaps {
  readonly limits: LiveLimits;
  private readonly states = new Map<LiveCap, CapState>();

  constructor(
    private readonly model: LiveModel,
    limits: Partial<LiveLimits> = {},
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.limits = { ...defaultLiveLimits, ...limits };
  }

  /** A bound was reached once more (an entry dropped or refused, a value cut). */
  hit(cap: LiveCap): void {
    const now = this.model.now();
    const state = this.states.get(cap);
    if (!state) {
      const { message, limit } = describe(cap, this.limits);
      const code = noticeCodes[cap];
      const notice: Notice = { id: code, level: 'warning', code, params: { limit: String(limit), count: '1' }, message, at: now };
      this.states.set(cap, { count: 1, reportedCount: 1, reportedAt: now, notice });
      this.warn(`AMI: ${message}`);
      this.model.putNotice(notice);
      return;
    }
    state.count++;
    if (now - state.reportedAt < REPORT_EVERY_MS) return;
    this.warn(`AMI: ${noticeCodes[cap]}: ${state.count - state.reportedCount} more times in the last ${Math.round((now - state.reportedAt) / 1000)} s (${state.count} in all)`);
    state.reportedCount = state.count;
    state.reportedAt = now;
    state.notice = { ...state.notice, params: { ...state.notice.params, count: String(state.count) } };
    this.model.putNotice(state.notice);
  }

  /** Times each cap was hit so far (diagnostics, tests). */
  counts(): Partial<Record<LiveCap, number>> {
    return Object.fromEntries([...this.states].map(([cap, state]) => [cap, state.count]));
  }
}
