import { z } from 'zod';
import { dialablePattern, extensionPattern } from '../dialable';
import { method, type ActionResult } from '../method';

// Supervisor actions: pause, queue login/logout, spy, transfer, hangup,
// click-to-dial, wrap-up, blacklist, recordings, pause reasons. Every `act` method
// answers an ActionResult and is written to the audit log by core/actions/service.ts.

export type SpyMode = 'listen' | 'whisper' | 'barge';
export type TransferKind = 'blind' | 'attended';

export interface BlacklistEntry {
  number: string;
  note: string;
  /** Caller.who of whoever added it through Callboard (AstDB and the vendor keep no author). */
  addedBy?: string;
  addedAt?: number;
}

/**
 * A pause reason: `code` goes to the PBX (QueuePause `Reason`) and to history; the
 * renderer shows i18n `pauseReason.<code>`, falling back to the label of its language.
 */
export interface PauseReason {
  code: string;
  labels: { 'zh-CN': string; en: string };
  /** Set by Callboard itself (wrap-up), not offered in the pause menu. */
  isSystem?: boolean;
}

export interface WrapupOptions {
  isEnabled: boolean;
  /** Longest wrap-up, seconds (vendor default 30). */
  seconds: number;
}

export interface ActiveWrapup {
  extension: string;
  callId: string;
  queue?: string;
  startedAt: number;
  /** When the timer will end it. */
  endsAt: number;
}

/** timer: ran its full time; early: actions.endWrapup or a supervisor unpause; superseded: paused again for another reason. */
export type WrapupEndReason = 'timer' | 'early' | 'superseded';

export interface WrapupEnded extends ActiveWrapup {
  endedAt: number;
  /** Whole seconds spent in wrap-up: the call's pauseTime. */
  seconds: number;
  endedBy: WrapupEndReason;
}

/**
 * Who an audited action was about, as the live model knew them when it ran
 * (audit params `about`): the caller's number, the agent's extension and name.
 */
export interface AuditSubject {
  caller?: string;
  /** Set when the action named a call, not an extension. */
  agent?: string;
  agentName?: string;
}

/** What a successful click-to-dial reports (OriginateResponse `Channel`/`Uniqueid` on AMI). */
export interface DialOutcome {
  channel?: string;
  uniqueid?: string;
}

/** Where the headless server streams a recording (GET, supports Range); the desktop maps it to its own protocol. */
export const recordingsPath = '/api/recordings/';

export function recordingUrl(file: string): string {
  return `${recordingsPath}${encodeURIComponent(file)}`;
}

const extension = z.string().trim().regex(extensionPattern, 'an extension number');
const queue = z.string().trim().min(1).max(64);
const dialable = z.string().trim().regex(dialablePattern, 'a dialable number');
/** One live call: by the extension in it, or by Call.id. */
const callTarget = z.union([
  z.object({ extension, callId: z.undefined().optional() }).strict(),
  z.object({ callId: z.string().min(1).max(64), extension: z.undefined().optional() }).strict(),
]);

export const actionsMethods = {
  /** QueuePause / vendor agent-pause: one queue, or all the member's queues when `queue` is omitted. */
  'actions.pause': method<ActionResult>()('act', z.object({
    extension, queue: queue.optional(), isPaused: z.boolean(), reason: z.string().trim().min(1).max(64).optional(),
  }).strict()),
  /** QueueAdd / vendor agent-login. */
  'actions.queueLogin': method<ActionResult>()('act', z.object({
    extension, queue, penalty: z.number().int().min(0).max(1000).default(0), memberName: z.string().trim().min(1).max(80).optional(),
  }).strict()),
  /** QueueRemove / vendor agent-logout. Destructive: the renderer confirms first. */
  'actions.queueLogout': method<ActionResult>()('act', z.object({ extension, queue }).strict()),
  /** ChanSpy from the supervisor's phone: listen (qd), whisper (qwd), barge (qBd; renderer confirms). */
  'actions.spy': method<ActionResult>()('act', z.object({
    supervisor: extension, target: extension, mode: z.enum(['listen', 'whisper', 'barge']),
  }).strict()),
  /** Switch a running session (its Call.id, callClass `supervisor`) between listen, whisper and barge (ChanSpy `d` keys 4/5/6). */
  'actions.spyMode': method<ActionResult>()('act', z.object({
    callId: z.string().min(1).max(64), mode: z.enum(['listen', 'whisper', 'barge']),
  }).strict()),
  /** Blind (Redirect / vendor transfer) or attended (Atxfer) transfer to an extension or queue. */
  'actions.transfer': method<ActionResult>()('act', z.intersection(callTarget, z.object({
    destination: dialable, kind: z.enum(['blind', 'attended']).default('blind'),
  }))),
  /** Hangup of an extension's channel or a whole call. Destructive: the renderer confirms first. */
  'actions.hangup': method<ActionResult>()('act', callTarget),
  /** Click-to-dial: ring `source` first, then dial `destination` (Originate / vendor click-number). */
  'actions.dial': method<ActionResult<DialOutcome>>()('act', z.object({ source: extension, destination: dialable }).strict()),
  /** End an agent's wrap-up now (unpause). */
  'actions.endWrapup': method<ActionResult<WrapupEnded>>()('act', z.object({ extension }).strict()),
  'actions.wrapups': method<ActiveWrapup[]>()('read', z.object({}).strict()),
  'blacklist.list': method<ActionResult<BlacklistEntry[]>>()('act', z.object({ query: z.string().max(64).optional() }).strict()),
  'blacklist.add': method<ActionResult>()('act', z.object({ number: dialable, note: z.string().trim().max(200).optional() }).strict()),
  'blacklist.remove': method<ActionResult>()('act', z.object({ number: dialable }).strict()),
  /** Change the note of a listed number (adding it again is refused with `exists`). */
  'blacklist.setNote': method<ActionResult>()('act', z.object({ number: dialable, note: z.string().trim().max(200) }).strict()),
  /** Where to stream a recording named by cc_cdr `filePath` / cdr `recordfile`. */
  'recordings.url': method<ActionResult<{ url: string }>>()('act', z.object({ file: z.string().min(1).max(512) }).strict()),
  'settings.pauseReasons': method<PauseReason[]>()('read', z.object({}).strict()),
  'settings.wrapup': method<WrapupOptions>()('act', z.object({}).strict()),
  'settings.setWrapup': method<ActionResult>()('act', z.object({
    isEnabled: z.boolean(), seconds: z.number().int().min(1).max(3600),
  }).strict()),
};
