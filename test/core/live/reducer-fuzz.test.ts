// Property tests: the reducers never throw, whatever order or shape the events come in,
// and a call always ends once all of its channels have hung up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import type { LiveUpdate } from '../../../electron/core/contract';
import { fixtureMessages, fixtureNames, fixtureText, newReplay, type Replay } from './replay-fixture';

// Fixed seed: the same cases every run (the house rule: deterministic tests).
fc.configureGlobal({ seed: 20261124 });

const callFixtures = fixtureNames().filter((n) => n !== 's01_snapshot' && n !== 's04_pause_members');
const events = (name: string): AmiMessage[] => fixtureMessages(name).filter((m) => m.event !== undefined);
const hangups = (messages: AmiMessage[]): AmiMessage[] => messages.filter((m) => m.event === 'Hangup');

/** A replay that also checks every published call gets a callEnded once its channels are gone. */
function watched(): Replay & { updates: LiveUpdate[] } {
  const replay = newReplay();
  const updates: LiveUpdate[] = [];
  replay.model.subscribe((u) => updates.push(u));
  return Object.assign(replay, { updates });
}

function expectAllCallsEnded(replay: Replay & { updates: LiveUpdate[] }): void {
  expect([...replay.model.calls.keys()]).toEqual([]);
  const published = new Set(replay.updates.flatMap((u) => (u.kind === 'call' ? [u.call.id] : [])));
  const ended = new Set(replay.updates.flatMap((u) => (u.kind === 'callEnded' ? [u.call.id] : [])));
  expect([...published].filter((id) => !ended.has(id))).toEqual([]);
  for (const queue of replay.model.queues.values()) expect(queue.callers).toEqual([]);
}

function expectConsistent(replay: Replay): void {
  for (const call of replay.model.calls.values()) {
    expect(call.state).not.toBe('ended');
    expect(call.channels.length).toBeGreaterThan(0);
  }
  for (const queue of replay.model.queues.values()) {
    expect(queue.callers.map((c) => c.position)).toEqual(queue.callers.map((_, i) => i + 1));
  }
}

describe('random interleavings', () => {
  it.each(callFixtures)('%s in any order never throws, and ends every call after all Hangups', (name) => {
    const messages = events(name);
    fc.assert(
      fc.property(fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }), (shuffled) => {
        const replay = watched();
        replay.run(shuffled);
        expectConsistent(replay);
        replay.run(hangups(messages));
        expectAllCallsEnded(replay);
      }),
      { numRuns: 40 },
    );
  });

  it('two PBX streams merged in any interleaving give the same finished calls as each alone', () => {
    const a = events('s02_inbound_answered');
    const b = events('s06_transfer');
    const alone = (messages: AmiMessage[]) => {
      const replay = newReplay();
      replay.run(messages);
      return replay.records.map((r) => `${r.uniqueid}/${r.agent ?? '-'}/${r.queue ?? '-'}/${r.isAnswered}`);
    };
    const expected = [...alone(a), ...alone(b)].sort();
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: a.length + b.length, maxLength: a.length + b.length }), (picks) => {
        const merged: AmiMessage[] = [];
        let i = 0;
        let j = 0;
        for (const pickA of picks) {
          if ((pickA && i < a.length) || j >= b.length) merged.push(a[i++] as AmiMessage);
          else merged.push(b[j++] as AmiMessage);
        }
        const replay = watched();
        replay.run(merged);
        expectAllCallsEnded(replay);
        expect(replay.records.map((r) => `${r.uniqueid}/${r.agent ?? '-'}/${r.queue ?? '-'}/${r.isAnswered}`).sort()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('truncated and garbled frames', () => {
  const parse = (text: string, chunks: number[]): AmiMessage[] => {
    const parser = new AmiFrameParser();
    const out: AmiMessage[] = [];
    let at = 0;
    for (const size of chunks) {
      out.push(...parser.push(text.slice(at, at + size)));
      at += size;
    }
    out.push(...parser.push(text.slice(at)));
    return out;
  };

  it.each(callFixtures)('%s cut anywhere never throws, and the Hangups still end every call', (name) => {
    const text = fixtureText(name);
    const allHangups = hangups(events(name));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 50 }), (cut, chunks) => {
        const replay = watched();
        replay.run(parse(text.slice(0, cut), chunks));
        expectConsistent(replay);
        replay.run(allHangups);
        expectAllCallsEnded(replay);
      }),
      { numRuns: 60 },
    );
  });

  it.each(callFixtures)('%s with garbled bytes never throws and stays consistent', (name) => {
    const text = fixtureText(name);
    const edit = fc.record({
      at: fc.integer({ min: 0, max: text.length - 1 }),
      remove: fc.integer({ min: 0, max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\r\n', '\r\n\r\n', ': ', 'Event: Hangup\r\n', 'Uniqueid: ', '\n\n')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
        let garbled = text;
        for (const e of edits) garbled = garbled.slice(0, e.at) + e.insert + garbled.slice(e.at + e.remove);
        const replay = watched();
        replay.run(parse(garbled, [97, 13, 1024]));
        expectConsistent(replay);
      }),
      { numRuns: 40 },
    );
  });
});
