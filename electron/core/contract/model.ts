// The live model as every consumer sees it: the renderer, /api/snapshot, tests.
// Times are UTC milliseconds. Names are ours; the AMI/vendor wire names are
// translated in core/live (AMI) and core/vendor-api (pushes) only.

/** Asterisk extension (hint) states, see ExtensionStatus `Status` codes. */
export type ExtensionState =
  | 'idle'
  | 'inuse'
  | 'busy'
  | 'unavailable'
  | 'ringing'
  | 'ringinuse'
  | 'onhold'
  | 'inuse_onhold'
  | 'unknown';

export interface PeerRegistration {
  /** OK, UNREACHABLE, LAGGED, UNKNOWN, or Unmonitored as reported by SIPpeers / PeerStatus / ContactStatus. */
  status: 'ok' | 'unreachable' | 'lagged' | 'unknown' | 'unmonitored';
  address?: string;
  latencyMs?: number;
}

export interface Extension {
  /** With several PBXs in one console, the connection id of the PBX this belongs to (its ids carry it too, pbx-ids.ts). */
  pbx?: string;
  /** The dialable extension, e.g. "800". */
  id: string;
  /** The device behind it, e.g. "SIP/800" or "PJSIP/800". */
  device?: string;
  name?: string;
  state: ExtensionState;
  /** Raw Asterisk status code (0 idle, 1 in use, 2 busy, 4 unavailable, 8 ringing, 16 on hold, sums). */
  statusCode: number;
  stateSince: number;
  registration?: PeerRegistration;
}

import type { CallClass, SessionKind } from './history';
import type { QueueDay, QueueSample } from './figures';
import type { Alert } from './alerts';

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallState = 'dialing' | 'ivr' | 'queued' | 'ringing' | 'talking' | 'hold' | 'ended';

export interface Call {
  /** With several PBXs in one console, the connection id of the PBX this belongs to (its ids carry it too, pbx-ids.ts). */
  pbx?: string;
  /** Linkedid of the call's first channel (Asterisk groups a call's channels under it). */
  id: string;
  direction: CallDirection;
  /** A supervisor session (listen, whisper, barge, an unanswered click-to-dial) is not a customer call: screens keep it apart. */
  callClass: CallClass;
  sessionKind?: SessionKind;
  /** The call a supervisor session listens to. */
  observedCallId?: string;
  state: CallState;
  callerNum: string;
  callerName?: string;
  /** What the caller dialled (DID or extension). */
  calledNum: string;
  queue?: string;
  /** Agent extension that answered (or is ringing). */
  agent?: string;
  ringingAgents?: string[];
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  holdSince?: number;
  holdSeconds: number;
  /** Channel names in this call, e.g. ["SIP/carrier-00000007", "SIP/800-00000008"]. */
  channels: string[];
  recordingFile?: string;
}

export interface QueueCaller {
  callId: string;
  channel: string;
  callerNum: string;
  callerName?: string;
  position: number;
  joinedAt: number;
}

export interface QueueMember {
  /** Interface as configured, e.g. "SIP/800" (case-insensitive in practice). */
  interface: string;
  extension: string;
  name: string;
  penalty: number;
  isPaused: boolean;
  pauseReason?: string;
  pausedSince?: number;
  /** When the member was last unpaused, as seen live: an agent's time in state restarts there. */
  unpausedAt?: number;
  /** Device state of the member's interface, translated like Extension.state. */
  state: ExtensionState;
  isInCall: boolean;
  callsTaken: number;
  lastCallAt?: number;
  /** static (queues.conf), dynamic (QueueAdd), realtime. */
  membership: string;
  /** When the member was last paused (QueueMember `LastPause`), even if not paused now. */
  lastPausedAt?: number;
  /** When a dynamic member logged in (QueueMember `LoginTime`). */
  loggedInAt?: number;
}

export interface Queue {
  /** With several PBXs in one console, the connection id of the PBX this belongs to (its ids carry it too, pbx-ids.ts). */
  pbx?: string;
  name: string;
  strategy?: string;
  members: QueueMember[];
  callers: QueueCaller[];
}

export type ConnectionKind = 'ami' | 'coocenter' | 'receiver';
export type ConnectionState = 'connecting' | 'connected' | 'resyncing' | 'lost' | 'disabled';

export interface Connection {
  id: string;
  kind: ConnectionKind;
  /** host:port or URL, never a secret. */
  target: string;
  state: ConnectionState;
  since: number;
  detail?: string;
}

/**
 * Conditions of the core itself a supervisor must hear of, not only the log: its cache
 * database, and the live model's bounds reached (live/live-limits.ts; params `limit`, `count`).
 */
export type NoticeCode =
  | 'db_recovered'
  | 'db_read_only'
  | 'db_disk_full'
  | 'live_channels_capped'
  | 'live_extensions_capped'
  | 'live_queues_capped'
  | 'live_members_capped'
  | 'live_callers_capped'
  | 'live_fields_cut'
  /** A scheduled report did not run through (reports/scheduler.ts); params: name, reason. */
  | 'report_failed';

/**
 * Something the core says to every console until it is resolved (or for the
 * whole run, like a recovered database). The renderer translates by `code`
 * with `params`; `message` is the same in English for /api/snapshot readers
 * and the log. Dismissing one is the viewer's business, not the core's.
 */
export interface Notice {
  /** One per condition: raising it again replaces it instead of stacking. */
  id: string;
  level: 'warning' | 'error';
  code: NoticeCode;
  /** Values for the translated text, e.g. { movedTo: '/data/callboard.db.corrupt-…' }. */
  params: Record<string, string>;
  message: string;
  at: number;
}

export interface Snapshot {
  at: number;
  extensions: Extension[];
  calls: Call[];
  queues: Queue[];
  connections: Connection[];
  notices: Notice[];
  /** Each queue's day so far, from the queue ledger (contract/figures.ts): the only source of queue figures. */
  days: QueueDay[];
  /** Alerts standing now (electron/core/alerts), the same on every screen. */
  alerts: Alert[];
}

/** A long job (history import, export) the UI shows a progress bar for. */
export interface Job {
  id: string;
  kind: 'import' | 'export';
  /** What is being worked on, e.g. the uploaded file's name. */
  label: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  /** Absent while the total is unknown. */
  total?: number;
  unit: 'rows' | 'bytes';
  /** Outcome summary or failure reason. */
  message?: string;
  /** Rows imported/exported when finished. */
  rows?: number;
  errorCount?: number;
  /** The first errors (line + reason), for the dialog. */
  errors?: { line: number; message: string }[];
  startedAt: number;
  endedAt?: number;
}

/** Settings every open screen follows: told by a `settingsChanged` update, read again with their method. */
export type SharedSetting = 'thresholds' | 'pauseReasons' | 'boards';

/** One change to the live model. The renderer applies these to its stores in order. */
export type LiveUpdate =
  | { kind: 'job'; job: Job }
  | { kind: 'extension'; extension: Extension }
  | { kind: 'extensionRemoved'; id: string }
  | { kind: 'call'; call: Call }
  | { kind: 'callEnded'; call: Call }
  | { kind: 'queue'; queue: Queue }
  | { kind: 'queueRemoved'; name: string }
  /**
   * One member of a queue changed and nothing else of it did: the member, whole.
   * Only the WebSocket sends these (server/queue-deltas.ts), in place of the
   * whole queue with every member, which every agent's state change would resend.
   */
  | { kind: 'queueMember'; queue: string; member: QueueMember }
  | { kind: 'queueDay'; day: QueueDay }
  /** Every 15 s: one sample per queue and '*' (not part of the snapshot: `live.samples` serves the past). */
  | { kind: 'queueSamples'; samples: Record<string, QueueSample> }
  | { kind: 'connection'; connection: Connection }
  | { kind: 'notice'; notice: Notice }
  | { kind: 'noticeRemoved'; id: string }
  /** A shared setting was changed: screens already open read it again (settings.thresholds, settings.pauseReasons, boards.list). */
  | { kind: 'settingsChanged'; setting: SharedSetting }
  /** The alerts standing now, whole (a short, bounded list), whenever one is raised, cleared, acknowledged or snoozed. */
  | { kind: 'alerts'; alerts: Alert[] }
  | { kind: 'reset'; snapshot: Snapshot };
