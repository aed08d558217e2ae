import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { AMI_FIXTURE_DIR } from '../../support/ami-fixtures';

/**
 * The actions a transcript's client sent, from the "Exact actions" section of
 * its .md (`[ 0.030s] SEND` followed by the frame), parsed like the wire.
 */
export function transcriptActions(name: string): AmiMessage[] {
  const text = readFileSync(path.join(AMI_FIXTURE_DIR, `${name}.md`), 'utf8');
  const frames = [...text.matchAll(/\] SEND\n([\s\S]*?)\n\n/g)].map((m) => `${(m[1] ?? '').replace(/\n/g, '\r\n')}\r\n\r\n`);
  return frames.flatMap((frame) => new AmiFrameParser().push(frame));
}

/** The transcript's action with this ActionID (e.g. "rig-2"). */
export function transcriptAction(name: string, actionId: string): AmiMessage {
  const found = transcriptActions(name).find((m) => m.actionid === actionId);
  if (!found) throw new Error(`${name} has no action ${actionId}`);
  return found;
}

/** Header names of a frame, without ActionID (ours are the session's own). */
export function headerNames(message: AmiMessage): string[] {
  return Object.keys(message).filter((k) => k !== 'actionid').sort();
}

/** The frame without ActionID, for value comparison. */
export function withoutActionId(message: AmiMessage): AmiMessage {
  const { actionid: _id, ...rest } = message;
  return rest;
}
