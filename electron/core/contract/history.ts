import type { QueueFigures, QueueOutcome, StatsRules, WaitEdge } from './figures';

// Finished calls as the cache keeps them and the review pages show them.
// Built from cc_cdr pushes, cdr pushes and the AMI model's finished calls;
// one row per call, de-duplicated by `uniqueid`. Times are UTC ms, durations seconds.

export type CallSource = 'cc_cdr' | 'cdr' | 'ami' | 'import';

/**
 * customer: a caller from outside, or an agent calling out — the calls the figures are about;
 * internal: extension to extension; supervisor: a listen / whisper / barge session, or the
 * agent's leg of a click-to-dial that never reached the number. A supervisor session is
 * audited and linked to the call it observed; it is never a missed call or a queue figure.
 */
export type CallClass = 'customer' | 'internal' | 'supervisor';
export type SessionKind = 'listen' | 'whisper' | 'barge' | 'dial';

/** The class of a call that is not a supervisor session. */
export function callClassOf(direction: CallRecord['direction']): CallClass {
  return direction === 'internal' ? 'internal' : 'customer';
}
/** blind / attended: a bridge transfer (BlindTransfer / AttendedTransfer); redirect: the AMI Redirect of a party. */
export type CallTransferKind = 'blind' | 'attended' | 'redirect';

/** cc_cdr cdrState: where the call ended. */
export type CdrState = 'bridged' | 'feedback' | 'queue' | 'ivr' | string;
/** cc_cdr missCause: why an inbound call was lost. */
export type MissCause = 'NO_ASSIGN' | 'NO_AGENT_ANSWER' | 'NO_AGENT_LOGIN' | 'MEMBER_CANCEL' | string;

export interface CallRecord {
  uniqueid: string;
  source: CallSource;
  direction: 'inbound' | 'outbound' | 'internal';
  callClass: CallClass;
  callerNum: string;
  calledNum: string;
  queue?: string;
  /** For a queue call, the member that answered (queue_log CONNECT), even when the call was then transferred. */
  agent?: string;
  /** How the call's (last) queue pass ended (contract/figures.ts). */
  queueOutcome?: QueueOutcome;
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  /** Seconds from start to end. */
  duration: number;
  queueSeconds: number;
  ringSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  /** Wrap-up (after-call work) seconds, cc_cdr pauseTime. */
  wrapupSeconds: number;
  ivrSeconds: number;
  isAnswered: boolean;
  /** cdr disposition: ANSWERED, NO ANSWER, BUSY, FAILED. */
  disposition?: string;
  cdrState?: CdrState;
  missCause?: MissCause;
  hangupSide?: string;
  hangupCause?: string;
  ivrId?: string;
  ivrName?: string;
  ivrDtmf?: string;
  score?: number;
  trunkNumber?: string;
  recordingFile?: string;
  sessionKind?: SessionKind;
  /** The call a supervisor session listened to. */
  observedUniqueid?: string;
  transferKind?: CallTransferKind;
  /** The extension (or number) the call was transferred to. */
  transferTo?: string;
  transferAt?: number;
}

// ---- Review queries (store/call-search.ts, call-detail.ts, call-reports.ts) ----

/** Filters of the call search and of its export. Times are UTC ms, [from, to). */
export interface CallSearchFilter {
  from?: number;
  to?: number;
  queues?: string[];
  agents?: string[];
  callerNum?: string;
  /** Default 'prefix' (index range); 'contains' scans the date range. */
  callerMatch?: 'prefix' | 'contains';
  calledNum?: string;
  calledMatch?: 'prefix' | 'contains';
  directions?: CallRecord['direction'][];
  dispositions?: string[];
  cdrStates?: string[];
  missCauses?: string[];
  isAnswered?: boolean;
  /** Seconds, inclusive. */
  minDuration?: number;
  maxDuration?: number;
  hasRecording?: boolean;
  minScore?: number;
  maxScore?: number;
  /** Customer, internal or supervisor calls; the review pages ask for the first two unless sessions are wanted. */
  callClasses?: CallClass[];
}

export const callSortKeys = [
  'startedAt', 'duration', 'talkSeconds', 'queueSeconds', 'ringSeconds', 'holdSeconds',
  'callerNum', 'calledNum', 'queue', 'agent', 'score',
] as const;
export type CallSortKey = (typeof callSortKeys)[number];

export interface CallSort {
  key: CallSortKey;
  order: 'asc' | 'desc';
}

/** Keyset paging: pass the previous page's `nextCursor`; `offset` jumps (slower far in). */
export interface CallPageRequest {
  limit: number;
  cursor?: string;
  offset?: number;
  /** Count matches up to this many (default 1 000, at most 100 000); counting costs a walk of that many matches. */
  totalCap?: number;
}

export interface CallPage {
  rows: CallRecord[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** Matching rows, counted up to the cap; `isTotalCapped` then means "cap or more". */
  total: number;
  isTotalCapped: boolean;
}

/** One IVR node a caller went through (vendor `ivr` push). */
export interface IvrStep {
  uniqueid: string;
  ivrId: string;
  ivrName?: string;
  dtmf?: string;
  startAt: number;
  endAt?: number;
}

export type AgentIntervalKind = 'login' | 'pause' | 'talk' | 'ring' | 'wrapup';

export interface AgentInterval {
  id: number;
  agent: string;
  queue?: string;
  kind: AgentIntervalKind;
  /** Pause reason (QueueMemberPause `PausedReason`). */
  reason?: string;
  /** The call a ring/talk/wrap-up interval belongs to. */
  uniqueid?: string;
  startAt: number;
  /** Absent while still open. */
  endAt?: number;
}

/** The call's story, in time order, for the detail page. */
export type TimelineStep =
  | { kind: 'start'; at: number; callerNum: string; calledNum: string; trunkNumber?: string }
  | { kind: 'ivr'; at: number; until?: number; ivrId: string; ivrName?: string; dtmf?: string }
  /** One pass through a queue (the ledger's, as the figures count it); `until` absent while the caller still waits. */
  | { kind: 'queue'; at: number; until?: number; queue: string; outcome?: QueueOutcome }
  | { kind: 'ring'; at: number; until: number; agent: string }
  | { kind: 'talk'; at: number; until: number; agent?: string }
  | { kind: 'hold'; seconds: number; at: number }
  | { kind: 'agentState'; at: number; until?: number; agent: string; state: AgentIntervalKind; reason?: string }
  | { kind: 'hangup'; at: number; side?: string; cause?: string; cdrState?: string; missCause?: string }
  | { kind: 'wrapup'; at: number; until: number; agent?: string };

export interface CallDetail {
  call: CallRecord;
  ivrSteps: IvrStep[];
  agentIntervals: AgentInterval[];
  timeline: TimelineStep[];
}

/** `pbx`: one row per PBX of a console that watches several (contract/pbx-ids.ts). */
export type ReportDimension = 'total' | 'queue' | 'agent' | 'pbx';
export type ReportGrain = 'hour' | 'day' | 'week' | 'all';

/**
 * Reports fold the queue ledger (one row per pass of a call through a queue, contract/figures.ts)
 * into figures per bucket of local time (the configured zone) and per queue, agent or in total.
 * A pass counts in the hour it entered the queue.
 */
export interface ReportRequest {
  from: number;
  to: number;
  dimension: ReportDimension;
  grain: ReportGrain;
  queues?: string[];
  agents?: string[];
  /** Overrides every queue's service level threshold (one of waitEdges); default: each queue's rules. */
  slSeconds?: WaitEdge;
}

export const missCauseKeys = ['NO_ASSIGN', 'NO_AGENT_ANSWER', 'NO_AGENT_LOGIN', 'MEMBER_CANCEL', 'other'] as const;
export type MissCauseKey = (typeof missCauseKeys)[number];

export interface ReportBucket {
  /** UTC ms of the local bucket start (the range start for grain 'all'). */
  bucketStart: number;
  /** Local label: '2026-11-25 13:00', '2026-11-25', '2026-11-23' (week's Monday), or 'all'. */
  bucketLabel: string;
  /** Queue or agent; '' for dimension 'total'. */
  key: string;
}

/** One bucket's figures; for agents, the passes they answered (queue_log CONNECT). */
export type ReportRow = ReportBucket & QueueFigures;

export interface ReportReply {
  rows: ReportRow[];
  /** The rules each queue of the reply was counted under. */
  rules: Record<string, StatsRules>;
  timeZone: string;
  /** 'rollup' when served from the per-hour/day rollups, 'calls' when it scanned the ledger. */
  servedFrom: 'rollup' | 'calls';
}

export interface HeatmapRequest {
  from: number;
  to: number;
  queues?: string[];
}

export interface HeatmapCell {
  /** 0 = Monday … 6 = Sunday, local time. */
  weekday: number;
  hour: number;
  offered: number;
  answered: number;
  abandoned: number;
}

export interface HeatmapReply {
  cells: HeatmapCell[];
  timeZone: string;
}

export interface AgentStateRequest {
  from: number;
  to: number;
  agents?: string[];
}

export interface AgentStateRow {
  agent: string;
  kind: AgentIntervalKind;
  reason?: string;
  /** Time inside [from, to), open intervals counted up to now. */
  seconds: number;
  intervals: number;
}

export interface AuditEntry {
  id: number;
  at: number;
  who: string;
  action: string;
  target?: string;
  params?: unknown;
  result: 'ok' | 'error';
  message?: string;
  /** Another console's act, pulled from a shared history: that console's id. Absent for this console's own. */
  console?: string;
}

export interface AuditFilter {
  from?: number;
  to?: number;
  who?: string;
  action?: string;
  result?: 'ok' | 'error';
  /** Entries listed after this one (the previous page's last id): older, or as old with a lower id. */
  beforeId?: number;
  limit?: number;
}

export interface ImportResult {
  rowsDone: number;
  rowsImported: number;
  errors: { line: number; message: string }[];
  /** More errors than kept. */
  errorCount: number;
}

export interface ExportResult {
  file: string;
  rows: number;
  bytes: number;
}
