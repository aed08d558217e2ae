const LF = 10;
const CR = 13;

/** Same bound as AmiFrameParser's maxPendingBytes: 1 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 1 << 20;

/**
 * Byte bound on AMI frames read by `asterisk-manager`, which keeps every byte
 * of an unfinished frame in a string buffer (lib/ami.js ManagerReader): a peer
 * that never ends a line, or never sends the empty line, grows it without limit.
 * This class sees the same decoded reads and counts UTF-8 bytes per frame.
 *
 * A frame is everything from the end of the previous empty line through its
 * own empty line ("\r\n\r\n" on the wire; "\n\n" and "\n\r\n" also end one, as
 * asterisk-manager splits lines on /\r?\n/). Every frame asterisk-manager
 * completes — the `Response: Follows` form too, whose `--END COMMAND--` line
 * is followed by an empty line — ends at an empty line, so what it holds is
 * never more than our count plus one socket read. (A `Follows` body with
 * empty lines in it is counted as several frames here; asterisk-manager keeps
 * it whole only within one read, its follow flag is reset on every read.)
 *
 * Cost per read: one forward scan over its newlines with two char compares
 * each, and Buffer.byteLength only of the frame still open at the end of the
 * read (a frame inside the read is measured in chars; its bytes are computed
 * only when 3 bytes per char could pass the bound).
 */
export class AmiFrameBound {
  /** UTF-8 bytes of the frame still open at the end of the last read. */
  private openBytes = 0;
  /** The last two chars of the previous read (0: none): an empty line may straddle two reads. */
  private lastChar = 0;
  private charBeforeLast = 0;

  constructor(readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received since the last frame ended. */
  get pendingBytes(): number {
    return this.openBytes;
  }

  /**
   * Count one read. Returns 0 while every frame stays within the bound, else
   * the size in bytes of the first frame that passed it (for an unfinished
   * frame: its bytes so far). After a non-zero answer the stream is to be dropped.
   */
  push(chunk: string): number {
    const max = this.maxFrameBytes;
    let frameStart = 0;
    let carried = this.openBytes;
    for (let end = this.emptyLineEnd(chunk, 0); end >= 0; end = this.emptyLineEnd(chunk, end)) {
      const chars = end - frameStart;
      if (carried + chars * 3 > max) {
        const bytes = carried + Buffer.byteLength(chunk.slice(frameStart, end));
        if (bytes > max) return bytes;
      }
      carried = 0;
      frameStart = end;
    }
    const length = chunk.length;
    if (frameStart < length) carried += Buffer.byteLength(frameStart === 0 ? chunk : chunk.slice(frameStart));
    this.openBytes = carried;
    if (length >= 2) {
      this.lastChar = chunk.charCodeAt(length - 1);
      this.charBeforeLast = chunk.charCodeAt(length - 2);
    } else if (length === 1) {
      this.charBeforeLast = this.lastChar;
      this.lastChar = chunk.charCodeAt(0);
    }
    return carried > max ? carried : 0;
  }

  /**
   * Index just past the next empty line whose final "\n" is at or after `from`;
   * -1 if none. The "\n" (or "\n\r") before it may lie before `from`, or in
   * the previous read.
   */
  private emptyLineEnd(chunk: string, from: number): number {
    for (let newline = chunk.indexOf('\n', from); newline >= 0; newline = chunk.indexOf('\n', newline + 1)) {
      const before = newline >= 1 ? chunk.charCodeAt(newline - 1) : this.lastChar;
      if (before === LF) return newline + 1;
      if (before === CR) {
        const beforeCr = newline >= 2 ? chunk.charCodeAt(newline - 2) : newline === 1 ? this.lastChar : this.charBeforeLast;
        if (beforeCr === LF) return newline + 1;
      }
    }
    return -1;
  }
}
