// Our AmiFrameParser must produce exactly the messages asterisk-manager produces from
// the same bytes: the reducers are fed by both (live socket and replays/benchmarks).
import { createServer, type Server } from 'node:net';
import Manager from 'asterisk-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { fixtureNames, fixtureText } from '../live/replay-fixture';

let server: Server;
let port = 0;
let current = '';

beforeAll(async () => {
  // Sends the raw transcript and closes, like the recorded Asterisk did.
  server = createServer((socket) => socket.end(current, 'latin1'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function readWithAsteriskManager(text: string): Promise<AmiMessage[]> {
  current = text;
  const manager = Manager(undefined, '127.0.0.1', '', '', false);
  const messages: AmiMessage[] = [];
  // 'rawevent' is every parsed frame, before asterisk-manager routes it.
  manager.on('rawevent', (message: AmiMessage) => {
    if (Object.keys(message).length > 0) messages.push(structuredClone(message));
  });
  return new Promise((resolve, reject) => {
    manager.on('error', reject);
    manager.on('close', () => resolve(messages));
    manager.connect(port, '127.0.0.1');
  });
}

describe('AmiFrameParser matches asterisk-manager on every recorded transcript', () => {
  it.each(fixtureNames())('%s', async (name) => {
    const text = fixtureText(name);
    const theirs = await readWithAsteriskManager(text);
    const ours = new AmiFrameParser().push(text);
    expect(theirs.length).toBeGreaterThan(10);
    expect(ours).toEqual(theirs);
  });

  it.each(fixtureNames())('%s parsed in 7-byte chunks gives the same messages', (name) => {
    const text = fixtureText(name);
    const parser = new AmiFrameParser();
    const chunked: AmiMessage[] = [];
    for (let i = 0; i < text.length; i += 7) chunked.push(...parser.push(text.slice(i, i + 7)));
    expect(chunked).toEqual(new AmiFrameParser().push(text));
    expect(parser.banner).toBe('Asterisk Call Manager/9.0.0');
    expect(parser.malformedFrames).toBe(0);
  });
});

describe('AmiFrameParser edge shapes', () => {
  it('parses Response: Follows exactly like asterisk-manager (older Asterisk Command answers)', async () => {
    const text =
      'Asterisk Call Manager/2.10.6\r\n' +
      'Response: Follows\r\nPrivilege: Command\r\nActionID: a-1\r\nName/username   Host\r\n800/800   127.0.0.1\r\n--END COMMAND--\r\n\r\n' +
      'Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n';
    const ours = new AmiFrameParser().push(text);
    expect(ours).toEqual(await readWithAsteriskManager(text));
    expect(ours[0]).toMatchObject({ response: 'follows', actionid: 'a-1' });
  });

  it('accepts LF-only line ends and stray blank lines', () => {
    const parser = new AmiFrameParser();
    const messages = parser.push('Asterisk Call Manager/9.0.0\n\n\nEvent: Ping\nA: 1\n\r\nEvent: Pong\r\nBare:\r\nno colon here\r\n\r\n');
    expect(messages).toEqual([
      { event: 'Ping', a: '1' },
      { event: 'Pong', bare: '', malformed: 'no colon here' },
    ]);
    expect(parser.malformedFrames).toBe(1);
  });
});
