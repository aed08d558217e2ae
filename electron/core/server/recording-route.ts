import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Caller } from '../contract';
import type { ActionResult } from '../contract';
import { sendJson } from './http-util';

export interface RecordingSource {
  stream: Readable;
  contentType: string;
}

export type OpenRecording = (file: string, caller: Caller) => Promise<ActionResult<RecordingSource>>;

/** A refused name is the client's mistake; anything else is the PBX side's (502). */
const recordingFailureStatus: Record<string, number> = { not_found: 404, invalid: 400 };

/** Recordings are a few MB; past this we refuse rather than buffer. */
const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

/**
 * GET /api/recordings/<file>: listening to calls is an operator act (and
 * audited by the action service). The file is buffered so that `Range`
 * requests work, which the browser's <audio> needs to seek.
 */
export async function serveRecording(req: IncomingMessage, res: ServerResponse, file: string, caller: Caller, open: OpenRecording): Promise<void> {
  if (caller.role !== 'act') {
    sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'recordings need the operator role' } });
    return;
  }
  const opened = await open(file, caller);
  if (!opened.ok) {
    sendJson(res, recordingFailureStatus[opened.error.code] ?? 502, { ok: false, error: opened.error });
    return;
  }
  let body: Buffer;
  try {
    body = await readAll(opened.value.stream);
  } catch (error) {
    sendJson(res, 502, { ok: false, error: { code: 'pbx_refused', message: (error as Error).message } });
    return;
  }
  const headers = { 'content-type': opened.value.contentType, 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=300' };
  const range = parseRange(req.headers.range, body.length);
  if (range === 'invalid') {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    return;
  }
  if (range) {
    res.writeHead(206, { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${body.length}`, 'content-length': range.end - range.start + 1 });
    res.end(req.method === 'HEAD' ? undefined : body.subarray(range.start, range.end + 1));
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_RECORDING_BYTES) {
      stream.destroy();
      throw new Error(`recording larger than ${MAX_RECORDING_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** One `bytes=start-end` range (the only form <audio> sends); undefined = whole file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}
