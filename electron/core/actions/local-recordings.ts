import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { ActionResult } from '../contract/method';
import { actionFail, type RecordingStream } from './backend';

// Plain Asterisk has no HTTP endpoint for recordings: MixMonitor writes them under
// /var/spool/asterisk/monitor/ (pbx-conf, MONFILE), which Callboard reads from a
// configured local or mounted directory.

const contentTypes: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.gsm': 'audio/x-gsm',
  '.ogg': 'audio/ogg',
  '.wav49': 'audio/wav',
};

export function recordingContentType(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * A recording under `directory`. cc_cdr `filePath` may be a bare name, a path
 * relative to the monitor folder, or the absolute `/var/spool/asterisk/monitor/…`
 * path: the monitor prefix is dropped, and anything that would leave the
 * directory (`..`, another absolute path) is refused.
 */
export async function openLocalRecording(directory: string | undefined, file: string): Promise<ActionResult<RecordingStream>> {
  if (!directory) return actionFail('unsupported', 'no recordings directory is configured for this PBX');
  const root = resolve(directory);
  const name = file.replace(/^\/var\/spool\/asterisk\/monitor\//, '').replace(/^\/+/, '');
  const path = resolve(root, name);
  const inside = relative(root, path);
  if (name === '' || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return actionFail('invalid', `recording name ${JSON.stringify(file)} is outside the recordings directory`);
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) return actionFail('not_found', `recording ${file} not found`);
    return { ok: true, value: { stream: createReadStream(path), contentType: recordingContentType(path), contentLength: info.size } };
  } catch {
    return actionFail('not_found', `recording ${file} not found`);
  }
}
