import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../electron/core/ami/message';

/** The recorded Asterisk 20 transcripts, kept in the repository (test/fixtures/README.md). */
export const AMI_FIXTURE_DIR = process.env.AMI_FIXTURE_DIR ?? path.join(import.meta.dirname, '../fixtures/ami');

/** Every message of a recorded transcript (`s02_inbound_answered`), parsed like a live socket. */
export function loadAmiFixture(name: string): AmiMessage[] {
  const text = readFileSync(path.join(AMI_FIXTURE_DIR, `${name}.ami`), 'utf8');
  return new AmiFrameParser().push(text);
}

/** Events that belong to the manager session, not to the call story. */
export const SESSION_EVENTS = new Set(['FullyBooted']);

export function eventsOf(messages: AmiMessage[]): AmiMessage[] {
  return messages.filter((m) => typeof m.event === 'string' && !SESSION_EVENTS.has(m.event));
}
