import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import type { CallRecord, QueueAttempt } from '../../../electron/core/contract';
import { AmiLiveReducer } from '../../../electron/core/live/ami-reducer';
import { LiveModel } from '../../../electron/core/live/model';

import { AMI_FIXTURE_DIR } from '../../support/ami-fixtures';

export const fixtureDir = AMI_FIXTURE_DIR;

/** Every recorded transcript name, e.g. "s02_inbound_answered". */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.ami'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function fixtureText(name: string): string {
  return readFileSync(join(fixtureDir, `${name}.ami`), 'latin1');
}

/** Transcript + notes, for AmiReplayServer. */
export function fixtureScript(name: string): { transcript: string; notes: string } {
  return { transcript: fixtureText(name), notes: readFileSync(join(fixtureDir, `${name}.md`), 'utf8') };
}

export function fixtureMessages(name: string): AmiMessage[] {
  return new AmiFrameParser().push(fixtureText(name));
}

/** Fixed start time of every replay (2026-11-24 10:00 local-ish UTC), 10 ms per message. */
export const replayStart = Date.UTC(2026, 10, 24, 2, 0, 0);

export interface Replay {
  model: LiveModel;
  reducer: AmiLiveReducer;
  records: CallRecord[];
  /** Every change of a queue pass, in order. */
  attempts: QueueAttempt[];
  clock: { now: number };
  /** Apply messages[from, to) at 10 ms per message. */
  run(messages: AmiMessage[], from?: number, to?: number): void;
}

export function newReplay(): Replay {
  const clock = { now: replayStart };
  const model = new LiveModel(() => clock.now);
  const reducer = new AmiLiveReducer(model);
  const records: CallRecord[] = [];
  const attempts: QueueAttempt[] = [];
  reducer.onCallFinished((r) => records.push(r));
  reducer.attempts.onChange((a) => attempts.push(a));
  return {
    model,
    reducer,
    records,
    attempts,
    clock,
    run(messages, from = 0, to = messages.length) {
      for (let i = from; i < to; i++) {
        clock.now += 10;
        reducer.apply(messages[i] as AmiMessage, clock.now);
      }
    },
  };
}

/** Index of the first message matching `predicate` (throws when absent: the fixture is the ground truth). */
export function indexOf(messages: AmiMessage[], predicate: (m: AmiMessage) => boolean, from = 0): number {
  for (let i = from; i < messages.length; i++) if (predicate(messages[i] as AmiMessage)) return i;
  throw new Error('fixture has no such message');
}
