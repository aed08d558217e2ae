import type { AmiMessage } from './message';

const BANNER = 'Asterisk Call Manager';
const VARIABLE_HEADERS = new Set(['variable', 'chanvariable']);

/**
 * Incremental AMI frame parser: feed it socket chunks, get whole messages.
 * Messages are `Key: Value` lines ended by an empty line (CRLF on the wire, LF
 * tolerated). Older Asterisk answers `Command` with `Response: Follows` and raw
 * output lines up to `--END COMMAND--`; those become `{response: 'follows', content}`
 * like asterisk-manager does. A line without a colon inside a normal message is
 * kept under `malformed` rather than thrown away, so a broken frame is visible
 * (asterisk-manager would make the whole line a key; the recorded transcripts
 * have no such lines — test/core/ami/frame-parser-vs-asterisk-manager.test.ts).
 */
export class AmiFrameParser {
  private rest = '';
  private bannerSeen = false;
  /** Set to the banner line (e.g. "Asterisk Call Manager/9.0.0") once seen. */
  banner: string | undefined;
  /** Count of frames that had lines without a `Key: Value` shape. */
  malformedFrames = 0;

  /** Parse a chunk; returns the messages completed by it. */
  push(chunk: string): AmiMessage[] {
    const text = this.rest + chunk;
    const messages: AmiMessage[] = [];
    let start = 0;
    if (!this.bannerSeen) {
      const eol = text.indexOf('\n');
      if (eol < 0) {
        this.rest = text;
        return messages;
      }
      const first = text.slice(0, eol).replace(/\r$/, '');
      if (first.startsWith(BANNER)) {
        this.banner = first;
        start = eol + 1;
      }
      this.bannerSeen = true;
    }
    for (;;) {
      const end = findFrameEnd(text, start);
      if (end < 0) break;
      const frame = text.slice(start, end);
      start = end + frameSeparatorLength(text, end);
      if (frame.trim().length === 0) continue;
      messages.push(this.parseFrame(frame));
    }
    this.rest = text.slice(start);
    return messages;
  }

  /** Bytes held waiting for the rest of a frame (bounded by the caller). */
  get pendingLength(): number {
    return this.rest.length;
  }

  private parseFrame(frame: string): AmiMessage {
    const lines = frame.split(/\r?\n/);
    const firstLower = (lines[0] ?? '').toLowerCase();
    if (firstLower.startsWith('response:') && firstLower.includes('follows')) return parseFollows(lines);
    const message: AmiMessage = {};
    let isMalformed = false;
    for (const line of lines) {
      if (line.length === 0) continue;
      const colon = line.indexOf(': ');
      const bareColon = colon < 0 && line.endsWith(':') ? line.length - 1 : -1;
      const at = colon >= 0 ? colon : bareColon;
      if (at <= 0) {
        isMalformed = true;
        appendHeader(message, 'malformed', line);
        continue;
      }
      // Like asterisk-manager: trimmed and lower-cased, inner spaces kept ("named callgroup").
      const key = line.slice(0, at).trim().toLowerCase();
      const value = colon >= 0 ? line.slice(colon + 2) : '';
      if (VARIABLE_HEADERS.has(key)) {
        const eq = value.indexOf('=');
        const record = (typeof message[key] === 'object' && !Array.isArray(message[key])
          ? message[key]
          : (message[key] = {})) as Record<string, string>;
        if (eq < 0) record[value] = '';
        else record[value.slice(0, eq)] = value.slice(eq + 1);
      } else {
        appendHeader(message, key, value);
      }
    }
    if (isMalformed) this.malformedFrames++;
    return message;
  }
}

function appendHeader(message: AmiMessage, key: string, value: string): void {
  const existing = message[key];
  if (existing === undefined) message[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else if (typeof existing === 'string') message[key] = [existing, value];
}

/** Index where the blank line ending the frame at `from` starts, or -1. */
function findFrameEnd(text: string, from: number): number {
  const followsEnd = isFollowsFrame(text, from) ? text.indexOf('--END COMMAND--', from) : -2;
  const searchFrom = followsEnd >= 0 ? followsEnd : from;
  if (followsEnd === -1) return -1;
  const crlf = text.indexOf('\r\n\r\n', searchFrom);
  const lf = text.indexOf('\n\n', searchFrom);
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

function frameSeparatorLength(text: string, end: number): number {
  return text.startsWith('\r\n\r\n', end) ? 4 : 2;
}

function isFollowsFrame(text: string, from: number): boolean {
  const head = text.slice(from, from + 32).toLowerCase();
  return head.startsWith('response: follows');
}

function parseFollows(lines: string[]): AmiMessage {
  const body: string[] = [];
  let actionid: string | undefined;
  for (const line of lines.slice(1)) {
    if (line === '--END COMMAND--') break;
    const match = /^actionid: (.+)$/i.exec(line);
    if (match && actionid === undefined) actionid = match[1];
    else body.push(line);
  }
  const message: AmiMessage = { response: 'follows', content: body.join('\n') };
  if (actionid !== undefined) message.actionid = actionid;
  return message;
}
