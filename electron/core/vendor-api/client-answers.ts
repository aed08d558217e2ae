import { z } from 'zod';
import type { ActionResult, ExtensionState, PeerRegistration } from '../contract';
import { extensionStateFromCode } from '../live/extension-state';

// Answers of the vendor's passive API (coocenter-api.md "Passive API", seed 被动接收查询),
// turned into our names here, at the edge.

/** current-calls item (wraps AMI CoreShowChannels). */
export interface CurrentChannel {
  channel: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  /** Asterisk channel state code (6 = Up) and its text. */
  channelState: number;
  channelStateDesc: string;
  /** `duration` "00:02:58" in seconds. */
  durationSeconds: number;
}

/** extension-status item (wraps chan_sip SIPpeers). */
export interface PeerStatus {
  extension: string;
  /** "SIP" */
  technology: string;
  registration: PeerRegistration;
}

/** extension-hints-status item (wraps ExtensionStateList). */
export interface ExtensionHint {
  extension: string;
  agentName: string;
  /** e.g. analogCallCenter */
  extensionType: string;
  statusCode: number;
  state: ExtensionState;
}

/** queue-info member (wraps QueueStatus QueueMember). */
export interface QueueMembership {
  /** As the box reports it, e.g. "sip/876" (case-insensitive in practice). */
  interface: string;
  extension: string;
  isPaused: boolean;
  penalty: number;
}

const scalar = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const optionalScalar = scalar.optional().transform((value) => value ?? '');

const channelSchema = z.looseObject({
  channel: scalar,
  calleridnum: optionalScalar,
  calleridname: optionalScalar,
  connectedlinenum: optionalScalar,
  connectedlinename: optionalScalar,
  channelstate: optionalScalar,
  channelstatedesc: optionalScalar,
  duration: optionalScalar,
});
const peerSchema = z.looseObject({ Exten: scalar, Type: optionalScalar, IPAddr: optionalScalar, Status: optionalScalar });
const hintSchema = z.looseObject({ extension: scalar, agentName: optionalScalar, extenType: optionalScalar, status: scalar });
const memberSchema = z.looseObject({ name: scalar, paused: optionalScalar, penalty: optionalScalar });

/** "00:02:58" (or "1:02:03:04" with days, or plain seconds) -> seconds. */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split(':').map(Number);
  if (parts.some((part) => !Number.isFinite(part))) return 0;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * SIPpeers `Status`: "OK (45 ms)", the stripped "OK(45ms)" of the vendor document,
 * "LAGGED (2100 ms)", "UNREACHABLE", "UNKNOWN", "Unmonitored".
 */
export function parsePeerStatus(status: string, address: string): PeerRegistration {
  const match = /^(\w+)\s*(?:\(\s*(\d+)\s*ms\s*\))?/i.exec(status.trim());
  const word = (match?.[1] ?? '').toLowerCase();
  const known = ['ok', 'unreachable', 'lagged', 'unmonitored'] as const;
  const registration: PeerRegistration = { status: (known as readonly string[]).includes(word) ? (word as PeerRegistration['status']) : 'unknown' };
  if (match?.[2]) registration.latencyMs = Number(match[2]);
  if (address && address !== '-none-' && address !== '(null)') registration.address = address;
  return registration;
}

function invalid<T>(what: string, error: z.ZodError): ActionResult<T> {
  const detail = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return { ok: false, error: { code: 'invalid', message: `unexpected ${what} answer from the PBX: ${detail}` } };
}

export function toChannels(data: unknown): ActionResult<CurrentChannel[]> {
  const parsed = z.array(channelSchema).safeParse(data ?? []);
  if (!parsed.success) return invalid('current-calls', parsed.error);
  return {
    ok: true,
    value: parsed.data.map((item) => ({
      channel: item.channel,
      callerIdNum: item.calleridnum,
      callerIdName: item.calleridname,
      connectedLineNum: item.connectedlinenum,
      connectedLineName: item.connectedlinename,
      channelState: Number(item.channelstate) || 0,
      channelStateDesc: item.channelstatedesc,
      durationSeconds: parseDuration(item.duration),
    })),
  };
}

export function toPeers(data: unknown): ActionResult<PeerStatus[]> {
  const parsed = z.array(peerSchema).safeParse(data ?? []);
  if (!parsed.success) return invalid('extension-status', parsed.error);
  return {
    ok: true,
    value: parsed.data.map((item) => ({
      extension: item.Exten,
      technology: item.Type || 'SIP',
      registration: parsePeerStatus(item.Status, item.IPAddr),
    })),
  };
}

export function toHints(data: unknown): ActionResult<ExtensionHint[]> {
  const parsed = z.array(hintSchema).safeParse(data);
  if (!parsed.success) return invalid('extension-hints-status', parsed.error);
  return {
    ok: true,
    value: parsed.data.map((item) => {
      const statusCode = Number(item.status);
      const code = Number.isInteger(statusCode) ? statusCode : -1;
      return { extension: item.extension, agentName: item.agentName, extensionType: item.extenType, statusCode: code, state: extensionStateFromCode(code) };
    }),
  };
}

export function toQueueInfo(data: unknown): ActionResult<Record<string, QueueMembership[]>> {
  const parsed = z.record(z.string(), z.array(memberSchema)).safeParse(data ?? {});
  if (!parsed.success) return invalid('queue-info', parsed.error);
  const queues: Record<string, QueueMembership[]> = {};
  for (const [queue, members] of Object.entries(parsed.data)) {
    queues[queue] = members.map((member) => ({
      interface: member.name,
      extension: member.name.includes('/') ? member.name.slice(member.name.indexOf('/') + 1) : member.name,
      isPaused: member.paused === '1' || member.paused.toLowerCase() === 'true',
      penalty: Number(member.penalty) || 0,
    }));
  }
  return { ok: true, value: queues };
}

export function toNumbers(data: unknown): ActionResult<string[]> {
  const parsed = z.array(scalar).safeParse(data ?? []);
  if (!parsed.success) return invalid('blacklist', parsed.error);
  return { ok: true, value: parsed.data };
}
