// Finished calls as the cache keeps them and the review pages show them.
// Built from cc_cdr pushes, cdr pushes and the AMI model's finished calls;
// one row per call, de-duplicated by `uniqueid`. Times are UTC ms, durations seconds.

export type CallSource = 'cc_cdr' | 'cdr' | 'ami' | 'import';

/** cc_cdr cdrState: where the call ended. */
export type CdrState = 'bridged' | 'feedback' | 'queue' | 'ivr' | string;
/** cc_cdr missCause: why an inbound call was lost. */
export type MissCause = 'NO_ASSIGN' | 'NO_AGENT_ANSWER' | 'NO_AGENT_LOGIN' | 'MEMBER_CANCEL' | string;

export interface CallRecord {
  uniqueid: string;
  source: CallSource;
  direction: 'inbound' | 'outbound' | 'internal';
  callerNum: string;
  calledNum: string;
  queue?: string;
  agent?: string;
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
}
