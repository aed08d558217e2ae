import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { probeRecording, recordingFailureKey } from '../../../renderer/src/domain/recording-failure';
import { messages } from '../../../renderer/src/i18n';

const { 'zh-CN': zhCN, en } = messages;

let server: Server;
let base = '';
const ranges: Array<string | undefined> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    ranges.push(req.headers.range);
    if (req.url === '/ok.wav') res.writeHead(206, { 'content-type': 'audio/wav' }).end('R');
    else if (req.url === '/unconfigured.wav') {
      res.writeHead(502, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: { code: 'unsupported', message: 'no recordings directory is configured for this PBX' } }));
    } else res.writeHead(504, { 'content-type': 'text/plain' }).end('gateway timeout');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('probeRecording', () => {
  test("reads the server's own code and message, asking for one byte", async () => {
    expect(await probeRecording(`${base}/unconfigured.wav`)).toEqual({ code: 'unsupported', detail: 'no recordings directory is configured for this PBX' });
    expect(ranges.at(-1)).toBe('bytes=0-0');
  });

  test('a file the server does serve is no server failure (the browser cannot decode it)', async () => {
    expect(await probeRecording(`${base}/ok.wav`)).toBeUndefined();
  });

  test('a non-JSON answer keeps its status and text; an unreachable server is a failure too', async () => {
    expect(await probeRecording(`${base}/other.wav`)).toEqual({ code: 'unknown', detail: 'HTTP 504: gateway timeout' });
    expect((await probeRecording('http://127.0.0.1:9/none.wav'))?.code).toBe('unknown');
  });
});

describe('recordingFailureKey', () => {
  test('every key it names exists in both languages', () => {
    const lookup = (messages: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    for (const code of ['not_found', 'unsupported', 'disconnected', 'forbidden', 'invalid', 'pbx_refused', 'timeout', 'unknown'] as const) {
      const key = recordingFailureKey(code);
      expect(typeof lookup(zhCN, key), `${key} zh-CN`).toBe('string');
      expect(typeof lookup(en, key), `${key} en`).toBe('string');
    }
    expect(recordingFailureKey('not_found')).toBe('actions.recording.errors.not_found');
    expect(recordingFailureKey('timeout')).toBe('actions.errors.timeout');
  });
});
