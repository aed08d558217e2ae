/**
 * The reference of docs/measured-limits.md: split on CRLFCRLF, headers into a
 * plain object, nothing else (no banner, no Follows, no repeated headers, no
 * variables). The fastest thing that still yields one object per frame; it is
 * the ceiling a real parser is compared against.
 */
export class NaiveSplitter {
  private rest = '';

  /** Feed a chunk; calls `onFrame` for every completed frame. */
  push(chunk: string, onFrame: (frame: Record<string, string>) => void): void {
    const text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\r\n\r\n', start);
      if (end < 0) break;
      const frame: Record<string, string> = {};
      for (const line of text.slice(start, end).split('\r\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0) frame[line.slice(0, colon).toLowerCase()] = line.slice(colon + 2);
      }
      onFrame(frame);
      start = end + 4;
    }
    this.rest = text.slice(start);
  }
}
