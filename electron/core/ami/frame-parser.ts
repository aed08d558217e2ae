import type { AmiMessage } from './message';

const BANNER = 'Asterisk Call Manager';
const END_COMMAND = '--END COMMAND--';
/** Enough held characters to see a blank line or END_COMMAND across a chunk boundary. */
const TAIL = 32;
const LF = 10;
const CR = 13;

export interface AmiFrameParserOptions {
  /**
   * Longest incomplete frame kept while waiting for its end (default 1 MiB).
   * A peer that never sends the blank line (or the `--END COMMAND--` of a
   * `Response: Follows`) would otherwise grow the buffer without limit and
   * swallow every later event. Past the bound the partial frame is dropped,
   * counted in `oversizeFrames`, and parsing resumes after its blank line.
   */
  maxPendingBytes?: number;
}

/**
 * Incremental AMI frame parser: feed it socket chunks, get whole messages.
 * Messages are `Key: Value` lines ended by an empty line (CRLF on the wire, LF
 * tolerated). Older Asterisk answers `Command` with `Response: Follows` and raw
 * output lines up to `--END COMMAND--`; those become `{response: 'follows', content}`
 * like asterisk-manager does. A line without a colon inside a normal message is
 * kept under `malformed` rather than thrown away, so a broken frame is visible
 * (asterisk-manager would make the whole line a key; the recorded transcripts
 * have no such lines — test/core/ami/frame-parser-vs-asterisk-manager.test.ts).
 *
 * Frames are found by one forward scan over newlines (no per-frame search to
 * the end of the buffer, no regex split): this is the replay/bench hot path.
 */
export class AmiFrameParser {
  private rest = '';
  private bannerSeen = false;
  /** Dropping an oversize frame: discard input up to its blank line. */
  private isSkipping = false;
  readonly maxPendingBytes: number;
  /** Frames dropped for passing maxPendingBytes. */
  oversizeFrames = 0;
  /** Set to the banner line (e.g. "Asterisk Call Manager/9.0.0") once seen. */
  banner: string | undefined;
  /** Count of frames that had lines without a `Key: Value` shape. */
  malformedFrames = 0;
  /**
   * Chunks held after `rest` that could not end its frame: kept unjoined, so a frame
   * arriving in many small chunks is scanned once, not once per chunk (n²).
   */
  private parts: string[] = [];
  private partsLength = 0;
  /** The last characters held: where a blank line or `--END COMMAND--` may begin. */
  private tail = '';
  private isRestFollows = false;
  private isFollowsEndSeen = false;

  constructor(private readonly options: AmiFrameParserOptions = {}) {
    this.maxPendingBytes = options.maxPendingBytes ?? 1 << 20;
  }

  /** Parse a chunk; returns the messages completed by it. */
  push(chunk: string): AmiMessage[] {
    if (this.holds(chunk)) return [];
    const held = this.parts.length > 0 ? this.rest + this.parts.join('') : this.rest;
    this.parts = [];
    this.partsLength = 0;
    let text = held.length > 0 ? held + chunk : chunk;
    const messages: AmiMessage[] = [];
    let start = 0;
    if (this.isSkipping) {
      const blank = blankLineEnd(text, 0);
      if (blank < 0) {
        // Keep two characters: a blank line may straddle this chunk and the next.
        this.rest = text.slice(-2);
        return messages;
      }
      this.isSkipping = false;
      text = text.slice(blank);
    }
    if (!this.bannerSeen) {
      const eol = text.indexOf('\n');
      // No banner line within the bound: not an AMI banner; read on as frames (bounded below).
      if (eol < 0 && text.length <= this.maxPendingBytes) {
        this.rest = text;
        return messages;
      }
      const first = eol < 0 ? '' : text.slice(0, eol).replace(/\r$/, '');
      if (first.startsWith(BANNER)) {
        this.banner = first;
        start = eol + 1;
      }
      this.bannerSeen = true;
    }
    const length = text.length;
    for (;;) {
      let searchFrom = start;
      const isFollows = isFollowsFrame(text, start);
      if (isFollows) {
        const endCommand = text.indexOf(END_COMMAND, start);
        if (endCommand < 0) break;
        searchFrom = endCommand;
      }
      // The frame ends at the first "\n\n" or "\n\r\n" (an empty line).
      let end = -1;
      let next = -1;
      let newline = text.indexOf('\n', searchFrom);
      while (newline >= 0 && newline + 1 < length) {
        const after = text.charCodeAt(newline + 1);
        if (after === LF) {
          end = newline;
          next = newline + 2;
          break;
        }
        if (after === CR) {
          if (newline + 2 >= length) break;
          if (text.charCodeAt(newline + 2) === LF) {
            end = newline;
            next = newline + 3;
            break;
          }
        }
        newline = text.indexOf('\n', newline + 1);
      }
      if (end < 0) break;
      const frameStart = start;
      start = next;
      if (isFollows) {
        messages.push(parseFollows(text.slice(frameStart, end)));
      } else {
        const message = this.parseFrame(text, frameStart, end);
        if (message) messages.push(message);
      }
    }
    this.rest = start < length ? text.slice(start) : '';
    if (this.rest.length > this.maxPendingBytes) this.dropOversize(this.rest);
    this.tail = this.rest.slice(-TAIL);
    this.isRestFollows = isFollowsFrame(this.rest, 0);
    this.isFollowsEndSeen = this.isRestFollows && this.rest.includes(END_COMMAND);
    return messages;
  }

  /**
   * Whether `chunk` only continues the pending frame (it holds no blank line, or for a
   * `Response: Follows` frame no `--END COMMAND--`, even with the held tail before it):
   * then it is kept as is and nothing is scanned again.
   */
  private holds(chunk: string): boolean {
    if (this.isSkipping || !this.bannerSeen || this.rest.length < TAIL) return false;
    const window = this.tail + chunk;
    const canEnd = this.isRestFollows && !this.isFollowsEndSeen ? window.includes(END_COMMAND) : blankLineEnd(window, 0) >= 0;
    if (canEnd) return false;
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    this.tail = window.slice(-TAIL);
    if (this.rest.length + this.partsLength > this.maxPendingBytes) {
      this.parts = [];
      this.partsLength = 0;
      this.dropOversize(this.tail);
    }
    return true;
  }

  private dropOversize(held: string): void {
    this.oversizeFrames++;
    // Keep two characters: the frame's blank line may straddle this chunk and the next.
    this.rest = held.slice(-2);
    this.isSkipping = true;
  }

  /** Bytes held waiting for the rest of a frame (bounded by the caller). */
  get pendingLength(): number {
    return this.rest.length;
  }

  /** Headers of text[start, end); undefined for a frame of blank lines only. */
  private parseFrame(text: string, start: number, end: number): AmiMessage | undefined {
    let message: AmiMessage | undefined;
    let isMalformed = false;
    let position = start;
    while (position < end) {
      let eol = text.indexOf('\n', position);
      if (eol < 0 || eol > end) eol = end;
      const lineEnd = eol > position && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
      const lineStart = position;
      position = eol + 1;
      if (lineEnd <= lineStart) continue;
      message ??= {};
      // Searched within the line: a search of the whole buffer from every line without ': ' was n².
      const inLine = text.slice(lineStart, lineEnd).indexOf(': ');
      const colon = inLine < 0 || lineStart + inLine >= lineEnd - 1 ? -1 : lineStart + inLine;
      const at = colon >= 0 ? colon : text.charCodeAt(lineEnd - 1) === 58 /* ':' */ ? lineEnd - 1 : -1;
      if (at <= lineStart) {
        isMalformed = true;
        appendHeader(message, 'malformed', text.slice(lineStart, lineEnd));
        continue;
      }
      // Like asterisk-manager: trimmed and lower-cased, inner spaces kept ("named callgroup").
      let key = text.slice(lineStart, at);
      if (key.charCodeAt(0) === 32 || key.charCodeAt(key.length - 1) === 32) key = key.trim();
      key = key.toLowerCase();
      const value = colon >= 0 ? text.slice(colon + 2, lineEnd) : '';
      if (key === 'chanvariable' || key === 'variable') {
        const existing = message[key];
        const record = (typeof existing === 'object' && !Array.isArray(existing) ? existing : (message[key] = {})) as Record<string, string>;
        const eq = value.indexOf('=');
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

/** Index just past the first empty line ("\n\n" or "\n\r\n") at or after `from`; -1 if none yet. */
function blankLineEnd(text: string, from: number): number {
  for (let newline = text.indexOf('\n', from); newline >= 0 && newline + 1 < text.length; newline = text.indexOf('\n', newline + 1)) {
    const after = text.charCodeAt(newline + 1);
    if (after === LF) return newline + 2;
    if (after === CR && newline + 2 < text.length && text.charCodeAt(newline + 2) === LF) return newline + 3;
  }
  return -1;
}

function appendHeader(message: AmiMessage, key: string, value: string): void {
  const existing = message[key];
  if (existing === undefined) message[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else if (typeof existing === 'string') message[key] = [existing, value];
}

function isFollowsFrame(text: string, from: number): boolean {
  // "Response: Follows" in any letter case; cheap first-letter test first.
  const first = text.charCodeAt(from);
  if (first !== 82 /* R */ && first !== 114 /* r */) return false;
  return text.slice(from, from + 32).toLowerCase().startsWith('response: follows');
}

/**
 * asterisk-manager's shape for `Response: Follows`: `content` is every line
 * before `--END COMMAND--` (the Response/Privilege/ActionID lines included),
 * joined by "\n", and `actionid` is taken from it.
 */
function parseFollows(frame: string): AmiMessage {
  const lines = frame.replace(/\r$/, '').split(/\r?\n/);
  const endIndex = lines.indexOf(END_COMMAND);
  const content = (endIndex >= 0 ? lines.slice(0, endIndex) : lines).join('\n');
  const message: AmiMessage = { response: 'follows', content };
  const match = /actionid: ([^\r\n]+)/i.exec(content);
  if (match) message.actionid = match[1];
  return message;
}
