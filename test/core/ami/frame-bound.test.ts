// AmiFrameBound: the byte count per AMI frame that bounds asterisk-manager's
// buffer. Checked against a plain whole-string reference on the recorded
// transcripts, under many ways of cutting the stream into socket reads.
import { describe, expect, it } from 'vitest';
import { AmiFrameBound } from '../../../electron/core/ami/frame-bound';
import { fixtureNames, fixtureText } from '../live/replay-fixture';

/** Frame sizes in UTF-8 bytes (each through its empty line), and the bytes of the unfinished tail. */
function referenceFrames(stream: string): { frames: number[]; tail: number } {
  const frames: number[] = [];
  let start = 0;
  // An empty line ends at a "\n" that follows "\n" or "\n\r" (asterisk-manager splits on /\r?\n/).
  for (const match of stream.matchAll(/(?<=\n\r?)\n/g)) {
    const end = match.index + 1;
    frames.push(Buffer.byteLength(stream.slice(start, end)));
    start = end;
  }
  return { frames, tail: Buffer.byteLength(stream.slice(start)) };
}

/** Feed `stream` cut at `cuts`; the first non-zero answer (0 if none) and the bytes left open. */
function feed(stream: string, maxFrameBytes: number, cuts: number[]): { oversize: number; pending: number } {
  const bound = new AmiFrameBound(maxFrameBytes);
  let at = 0;
  for (const cut of [...cuts, stream.length]) {
    const oversize = bound.push(stream.slice(at, cut));
    if (oversize > 0) return { oversize, pending: bound.pendingBytes };
    at = cut;
  }
  return { oversize: 0, pending: bound.pendingBytes };
}

/** Seeded cut points: reads of 1..maxRead chars, like a socket under load. */
function randomCuts(length: number, seed: number, maxRead: number): number[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const cuts: number[] = [];
  for (let at = 1 + Math.floor(next() * maxRead); at < length; at += 1 + Math.floor(next() * maxRead)) cuts.push(at);
  return cuts;
}

const crlfStream = fixtureNames()
  .map((name) => fixtureText(name))
  .join('');
const lfStream = crlfStream.replace(/\r\n/g, '\n');

describe('AmiFrameBound on the recorded transcripts', () => {
  for (const [label, stream] of [
    ['CRLF as recorded', crlfStream],
    ['bare LF', lfStream],
  ] as const) {
    it(`${label}: a bound of exactly the largest frame holds under every cutting, one byte less trips`, () => {
      const { frames, tail } = referenceFrames(stream);
      expect(frames.length).toBeGreaterThan(1_000);
      expect(tail).toBe(0);
      const largest = Math.max(...frames);
      const cuttings = [[], randomCuts(stream.length, 1, 7), randomCuts(stream.length, 2, 300), randomCuts(stream.length, 3, 65_536)];
      for (const cuts of cuttings) {
        expect(feed(stream, largest, cuts)).toEqual({ oversize: 0, pending: 0 });
        const tripped = feed(stream, largest - 1, cuts);
        expect(tripped.oversize).toBeGreaterThan(largest - 1);
        expect(tripped.oversize).toBeLessThanOrEqual(largest);
      }
    });
  }
});

describe('AmiFrameBound frame ends across reads', () => {
  const samples = [
    'Event: A\r\nX: 1\r\n\r\nEvent: B\r\n\r\n\r\nEvent: C\r\nY: 2',
    'Event: A\nX: 1\n\nEvent: B\n\n\nEvent: C\nY: 2',
    'Event: A\r\n\nB: 1\n\r\nC: é€😀\r\n\r',
    'Response: Follows\r\nPrivilege: Command\r\nline one\nline two\n--END COMMAND--\r\n\r\nEvent: D\r\n',
    '\r\n\r\n\n\n\r\n',
  ];
  // Node's utf-8 decoder hands out whole characters: never cut a surrogate pair.
  const splitsPair = (text: string, at: number): boolean => /[\uD800-\uDBFF]/.test(text.charAt(at - 1));
  it('any two cuts give the same open-frame bytes as the whole string', () => {
    for (const sample of samples) {
      const expected = referenceFrames(sample).tail;
      for (let first = 0; first <= sample.length; first++) {
        for (let second = first; second <= sample.length; second++) {
          if (splitsPair(sample, first) || splitsPair(sample, second)) continue;
          expect(feed(sample, 1 << 20, [first, second]).pending, `${JSON.stringify(sample)} cut at ${first},${second}`).toBe(expected);
        }
      }
    }
  });

  it('a lone "\\r" between line ends is not an empty line (asterisk-manager keeps it as a line)', () => {
    expect(referenceFrames('A: 1\r\n\r\r\nB: 2').tail).toBe(Buffer.byteLength('A: 1\r\n\r\r\nB: 2'));
    expect(feed('A: 1\r\n\r\r\nB: 2', 1 << 20, [5, 6, 7]).pending).toBe(13);
  });
});

describe('AmiFrameBound bound', () => {
  it('an endless line trips on the read that passes the bound, not before', () => {
    const bound = new AmiFrameBound(1_000);
    expect(bound.push('Event: Flood\r\nData: ')).toBe(0);
    let sent = 20;
    while (sent + 100 <= 1_000) {
      expect(bound.push('x'.repeat(100))).toBe(0);
      sent += 100;
    }
    expect(bound.pendingBytes).toBe(sent);
    expect(bound.push('x'.repeat(1_000 - sent))).toBe(0);
    expect(bound.push('x')).toBe(1_001);
  });

  it('headers without an empty line trip like one long line', () => {
    const bound = new AmiFrameBound(4_096);
    let answer = 0;
    let sent = 0;
    for (let i = 0; answer === 0; i++) {
      const line = `Header${i}: value\r\n`;
      sent += line.length;
      answer = bound.push(line);
    }
    expect(answer).toBe(sent);
    expect(sent).toBeGreaterThan(4_096);
    expect(sent - 4_096).toBeLessThan(20);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 400 "€" are 400 chars but 1,200 bytes.
    expect(new AmiFrameBound(1_000).push(`Event: X\r\nNote: ${'€'.repeat(400)}`)).toBeGreaterThan(1_200);
    expect(new AmiFrameBound(1_000).push(`Event: X\r\nNote: ${'€'.repeat(300)}\r\n\r\n`)).toBe(0);
    // A finished frame inside one read over the bound is caught too.
    expect(new AmiFrameBound(1_000).push(`Event: X\r\nNote: ${'€'.repeat(400)}\r\n\r\nEvent: Y\r\n\r\n`)).toBe(1_220);
  });

  it('a Response: Follows body without empty lines is one frame up to the empty line after --END COMMAND--', () => {
    const body = Array.from({ length: 200 }, (_, i) => `output line ${i}`).join('\n');
    const follows = `Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n${body}\n--END COMMAND--\r\n\r\n`;
    const size = Buffer.byteLength(follows);
    expect(feed(follows, size, randomCuts(follows.length, 4, 50))).toEqual({ oversize: 0, pending: 0 });
    expect(feed(follows, size - 1, randomCuts(follows.length, 4, 50)).oversize).toBeGreaterThan(size - 1);
  });
});
