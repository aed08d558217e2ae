import type { Readable } from 'node:stream';
import type { ActionError, ActionResult } from '../contract/method';
import type { DialOutcome, SpyMode, TransferKind } from '../contract/methods/actions';
import type { BlacklistEntry } from '../contract/methods/blacklist';

// The supervisor actions one PBX backend can perform. Two modules
// implement it: ami-actions.ts (Asterisk Manager actions as in the s04–s08
// transcripts) and coocenter-actions.ts (the vendor box's passive API). The
// service (service.ts) resolves targets against the live model first, so a
// backend receives channels and extensions that existed a moment ago.

export type { BlacklistEntry, DialOutcome, SpyMode, TransferKind };
export type BackendKind = 'ami' | 'coocenter';

/**
 * One side of a live call, as the service found it in the live model: the
 * extension's own channel (`SIP/800-00000013`) and the channel it talks to
 * (the caller's `SIP/carrier-00000012`), when there is one.
 */
export interface CallLeg {
  callId: string;
  /** The extension this leg belongs to, when it is an agent/extension leg. */
  extension?: string;
  channel: string;
  peerChannel?: string;
}

export interface RecordingStream {
  stream: Readable;
  contentType: string;
  contentLength?: number;
}

export interface PauseRequest {
  extension: string;
  /** The member's device, e.g. "SIP/800" (QueuePause `Interface`). */
  device: string;
  /** One queue, or every queue the member is in when omitted. */
  queue?: string;
  isPaused: boolean;
  reason?: string;
  /** Queues the member is in per the live model (the vendor API pauses one queue per request). */
  memberQueues: string[];
}

export interface QueueLoginRequest {
  extension: string;
  device: string;
  queue: string;
  penalty: number;
  memberName?: string;
}

export interface SpyRequest {
  supervisorExtension: string;
  supervisorDevice: string;
  targetExtension: string;
  targetDevice: string;
  mode: SpyMode;
}

/** A running listen/whisper/barge session: the supervisor's own channel (running ChanSpy) and the mode wanted. */
export interface SpyModeRequest {
  /** The session's Call.id (which PBX runs it, when a console watches several). */
  callId: string;
  channel: string;
  mode: SpyMode;
}

export interface TransferRequest {
  leg: CallLeg;
  /** Extension or queue number the call moves to (dialled in the configured context). */
  destination: string;
  kind: TransferKind;
}

/** Send one channel to `destination` (an extension or queue number) in the dialplan context: AMI Redirect. */
export interface RedirectRequest {
  /** The Call.id the channel belongs to. */
  callId: string;
  channel: string;
  destination: string;
}

export interface DialRequest {
  sourceExtension: string;
  sourceDevice: string;
  destination: string;
}

export interface PbxActions {
  readonly kind: BackendKind;
  /** False while the backend cannot take actions (AMI lost, vendor API marked down). */
  isConnected(): boolean;
  pause(request: PauseRequest): Promise<ActionResult>;
  queueLogin(request: QueueLoginRequest): Promise<ActionResult>;
  queueLogout(request: { extension: string; device: string; queue: string }): Promise<ActionResult>;
  spy(request: SpyRequest): Promise<ActionResult>;
  /** Switch a running session between listen, whisper and barge. */
  spyMode(request: SpyModeRequest): Promise<ActionResult>;
  transfer(request: TransferRequest): Promise<ActionResult>;
  /** Whether `redirect` can work on this backend at all (the vendor API's transfer needs an extension's call). */
  readonly canRedirect: boolean;
  /** Move a channel that talks to nobody yet (a caller waiting in a queue) to an extension or a queue. */
  redirect(request: RedirectRequest): Promise<ActionResult>;
  /** Hang up `leg.channel` (an extension's own channel, or the caller side of a whole call). */
  hangup(leg: CallLeg): Promise<ActionResult>;
  dial(request: DialRequest): Promise<ActionResult<DialOutcome>>;
  blacklistList(): Promise<ActionResult<BlacklistEntry[]>>;
  blacklistAdd(entry: { number: string; note: string; who: string; at: number }): Promise<ActionResult>;
  blacklistRemove(number: string): Promise<ActionResult>;
  /** Replace a listed number's note; the author and time it was added stay. */
  blacklistSetNote(entry: { number: string; note: string; who: string }): Promise<ActionResult>;
  /** A recording named by cc_cdr `filePath` / cdr `recordfile`. */
  recording(file: string): Promise<ActionResult<RecordingStream>>;
}

export function actionOk(): ActionResult;
export function actionOk<T>(value: T): ActionResult<T>;
export function actionOk<T>(value?: T): ActionResult<T | undefined> {
  return { ok: true, value };
}

export function actionFail<T = undefined>(code: ActionError['code'], message: string): ActionResult<T> {
  return { ok: false, error: { code, message } };
}

/** Blacklist search: a number substring or a note substring, case-insensitive. */
export function matchesBlacklist(entry: BlacklistEntry, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return entry.number.includes(needle) || entry.note.toLowerCase().includes(needle);
}
