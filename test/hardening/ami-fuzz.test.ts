// 100k malformed AMI frames over a real socket through the path the console runs (asterisk-manager
// under AmiClient, its VarSet filter, the live reducer), and version differences (headers missing
// or added): nothing throws, the model stays consistent.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../../electron/core/ami/client';
import type { AmiError } from '../../electron/core/ami/errors';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../electron/core/ami/message';
import { AmiReplayServer } from '../support/ami-replay-server';
import { until } from '../support/waits';
import { fixtureMessages, fixtureNames, fixtureText, newReplay, type Replay } from '../core/live/replay-fixture';

const SEED = 20261125;
const names = fixtureNames();
const recordedFrames = names.flatMap((name) => fixtureText(name).split('\r\n\r\n').slice(1, -1));
const eventNames = [...new Set(names.flatMap((name) => fixtureMessages(name).flatMap((m) => (typeof m.event === 'string' ? [m.event] : []))))];
const headerNames = [...new Set(recordedFrames.flatMap((frame) => frame.split('\r\n').map((line) => line.split(': ')[0]!)))];

/** One malformed frame: a recorded one damaged, or one made up from recorded names with hostile values. */
const malformedFrame = fc.oneof(
  // A recorded frame with lines dropped, duplicated, shuffled or with their values replaced.
  fc
    .tuple(fc.constantFrom(...recordedFrames), fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'value', 'key', 'nocolon')), { maxLength: 6 }), fc.string({ maxLength: 30 }))
    .map(([frame, edits, junk]) => {
      const lines = frame.split('\r\n');
      for (const [at, kind] of edits) {
        const i = at % lines.length;
        const line = lines[i]!;
        if (kind === 'drop') lines.splice(i, 1);
        else if (kind === 'dup') lines.splice(i, 0, line);
        else if (kind === 'value') lines[i] = `${line.split(': ')[0]}: ${junk}`;
        else if (kind === 'key') lines[i] = `${junk}: ${line.split(': ')[1] ?? ''}`;
        else lines[i] = line.replace(': ', '');
        if (lines.length === 0) lines.push(junk);
      }
      return lines.join('\r\n');
    }),
  // An event of a known name with recorded header names and random values (numbers where text is expected and so on).
  fc
    .tuple(
      fc.constantFrom(...eventNames),
      fc.array(fc.tuple(fc.constantFrom(...headerNames), fc.oneof(fc.string({ maxLength: 24 }), fc.integer().map(String), fc.constantFrom('', '-1', 'NaN', '1e309', '<unknown>', '1795487808.7'))), { maxLength: 14 }),
    )
    .map(([event, headers]) => [`Event: ${event}`, ...headers.map(([key, value]) => `${key}: ${value.replace(/[\r\n]/g, ' ')}`)].join('\r\n')),
  // Raw garbage, including lone CR/LF, Response: Follows without its end, and very long lines.
  fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.constantFrom('Response: Follows\r\nPrivilege: Command', '--END COMMAND--', ':', ': :', '\r', '\n', 'Event:', 'Event: Hangup'),
    fc.nat({ max: 4_000 }).map((n) => `Event: Newstate\r\nChannel: SIP/${'x'.repeat(n)}`),
  ),
);

/** Every message the parser produced is applied; the model's invariants are checked as we go. */
function expectConsistent(replay: Replay): void {
  for (const call of replay.model.calls.values()) {
    expect(call.state).not.toBe('ended');
    expect(call.channels.length).toBeGreaterThan(0);
  }
  for (const queue of replay.model.queues.values()) expect(queue.callers.map((c) => c.position)).toEqual(queue.callers.map((_, i) => i + 1));
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('100,000 malformed AMI frames', () => {
  it('go over TCP through asterisk-manager, the client and the reducer without a throw or a reconnect', async () => {
    const frames = fc.sample(malformedFrame, { numRuns: 100_000, seed: SEED });
    // Recorded Hangups in between keep the model from only growing, like a real PBX.
    const hangups = names.flatMap((name) => fixtureText(name).split('\r\n\r\n').filter((frame) => frame.startsWith('Event: Hangup\r\n')));
    const stream = frames.flatMap((frame, i) => (i % 5_000 === 4_999 ? [frame, ...hangups] : [frame]));
    // Garbage without a blank line merges into the frame after it: the end mark comes after two blank lines.
    const endMark = 'Event: UserEvent\r\nUserEvent: FuzzEnd';
    const banner = fixtureText('s04_pause_members').split('\r\n')[0];
    const server = await AmiReplayServer.start({ script: { transcript: `${banner}\r\n${[...stream, '', endMark].join('\r\n\r\n')}\r\n\r\n` }, chunkSize: 1_337 });
    cleanups.push(() => server.close());

    const replay = newReplay();
    const client = new AmiClient({ host: '127.0.0.1', port: server.port, username: 'admin', secret: 'amp111', pingIntervalMs: 0, keptVariables: ['MIXMONITOR_FILENAME'] });
    cleanups.push(() => client.stop());
    let received = 0;
    let isEnded = false;
    const disconnects: AmiError[] = [];
    client.subscribe({
      event: (message) => {
        received++;
        if (message.event === 'UserEvent' && message.userevent === 'FuzzEnd') isEnded = true;
        replay.run([message]);
        if (received % 5_000 === 0) expectConsistent(replay);
      },
      disconnected: (error) => disconnects.push(error),
    });
    client.start();
    await until(() => isEnded, 'the end mark after the 100k frames', 60_000);

    expect(disconnects).toEqual([]);
    expect(server.connectionCount).toBe(1);
    // Garbage with blank lines splits frames and garbage without merges them: most frames still come out.
    expect(received + client.droppedVarSets).toBeGreaterThan(30_000);
    expectConsistent(replay);
    replay.run(names.flatMap((name) => fixtureMessages(name).filter((m) => m.event === 'Hangup')));
    expectConsistent(replay);
  });
});

/**
 * The demo PBX's AMI server reads its clients' actions with AmiFrameParser, which keeps an
 * incomplete frame until its blank line (or, for `Response: Follows`, its `--END COMMAND--`).
 * A peer that never sends one must not grow that buffer without limit or swallow what follows:
 * `maxPendingBytes` drops such a frame and carries on. (The console's own socket is bounded by
 * frame-bound.ts: test/hardening/ami-flood.test.ts.)
 */
describe('AMI flood on the demo server\'s parser: bounded memory', () => {
  const limit = 64 * 1024;
  const newParser = () => new AmiFrameParser({ maxPendingBytes: limit });

  it('a frame that never ends is dropped at the bound and the stream carries on', () => {
    const parser = newParser();
    parser.push('Asterisk Call Manager/9.0.0\r\n');
    let maxPending = 0;
    for (let i = 0; i < 20_000; i++) {
      parser.push(`X-Flood-${i}: ${'a'.repeat(100)}\r\n`);
      maxPending = Math.max(maxPending, parser.pendingLength);
    }
    expect(maxPending).toBeLessThanOrEqual(limit + 200);
    const after = parser.push('\r\nEvent: Hangup\r\nUniqueid: 1.1\r\n\r\n');
    expect(after.at(-1)).toMatchObject({ event: 'Hangup', uniqueid: '1.1' });
  });

  it('a stray "Response: Follows" does not swallow the events after it beyond the bound', () => {
    const parser = newParser();
    parser.push('Asterisk Call Manager/9.0.0\r\nResponse: Follows\r\nPrivilege: Command\r\n\r\n');
    const events = [];
    for (let i = 0; i < 5_000; i++) events.push(...parser.push(`Event: Newstate\r\nUniqueid: 1.${i}\r\nChannelState: 6\r\n\r\n`));
    expect(parser.pendingLength).toBeLessThanOrEqual(limit);
    expect(events.length).toBeGreaterThan(2_000);
    expect(parser.oversizeFrames).toBe(1);
  });
});

describe('Asterisk version differences', () => {
  // Headers newer Asterisk versions add (e.g. TenantID in 21, Linkedid/Language/AccountCode/Priority
  // on every channel event since 12): extra ones must change nothing.
  const extraHeaders = { tenantid: 'tenant-1', channelstatedescex: 'Up', x_future_header: '1' };
  const summary = (replay: Replay) => ({
    records: replay.records.map((r) => `${r.uniqueid}/${r.agent ?? '-'}/${r.queue ?? '-'}/${r.isAnswered}/${r.direction}`),
    extensions: Object.fromEntries([...replay.model.extensions.values()].map((e) => [e.id, e.state])),
    calls: [...replay.model.calls.keys()].sort(),
  });

  it.each(names)('%s: unknown extra headers on every event change nothing', (name) => {
    const plain = newReplay();
    plain.run(fixtureMessages(name));
    const extended = newReplay();
    extended.run(fixtureMessages(name).map((m) => (m.event ? { ...extraHeaders, ...m } : m)));
    expect(summary(extended)).toEqual(summary(plain));
  });

  // Headers older versions or other channel drivers leave out: the reducer must carry on without them.
  // (Linkedid, present since Asterisk 1.8, groups channels into calls: tested on its own below.)
  const optionalHeaders = ['privilege', 'systemname', 'language', 'accountcode', 'priority', 'context', 'exten', 'connectedlinenum', 'connectedlinename', 'calleridname', 'channelstatedesc', 'timestamp'];

  it.each(names)('%s: optional headers missing (any subset) never throw, and Hangups still end every call they ended before', (name) => {
    const messages = fixtureMessages(name);
    const hangups = messages.filter((m) => m.event === 'Hangup');
    const baseline = newReplay();
    baseline.run(messages);
    baseline.run(hangups);
    // s01 is a snapshot of calls still up: those stay, in every variant.
    const stillUp = [...baseline.model.calls.keys()].sort();
    fc.assert(
      fc.property(fc.subarray(optionalHeaders, { minLength: 1 }), (dropped) => {
        const replay = newReplay();
        replay.run(messages.map((m) => Object.fromEntries(Object.entries(m).filter(([key]) => !dropped.includes(key))) as AmiMessage));
        expectConsistent(replay);
        replay.run(hangups);
        expect([...replay.model.calls.keys()].sort()).toEqual(stillUp);
      }),
      { numRuns: 25, seed: SEED },
    );
  });

  it.each(names.filter((name) => name !== 's01_snapshot'))('%s without Linkedid: each channel is its own call, and the Hangups end them all', (name) => {
    const messages = fixtureMessages(name).map((m) => Object.fromEntries(Object.entries(m).filter(([key]) => key !== 'linkedid')) as AmiMessage);
    const replay = newReplay();
    replay.run(messages);
    expectConsistent(replay);
    expect([...replay.model.calls.keys()]).toEqual([]);
  });
});
