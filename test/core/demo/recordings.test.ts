import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { startDemoPbxFor } from '../../../electron/core/demo';
import { DemoRecordings } from '../../../electron/core/demo/recordings';
import { MAX_RECORDING_SECONDS } from '../../../electron/core/demo/wav';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The fmt and data fields of a PCM WAV file. */
function wavFacts(file: Buffer): { rate: number; channels: number; bits: number; seconds: number } {
  expect(file.toString('ascii', 0, 4)).toBe('RIFF');
  expect(file.toString('ascii', 8, 16)).toBe('WAVEfmt ');
  expect(file.readUInt16LE(20)).toBe(1);
  expect(file.toString('ascii', 36, 40)).toBe('data');
  const rate = file.readUInt32LE(24);
  const bits = file.readUInt16LE(34);
  const channels = file.readUInt16LE(22);
  expect(file.readUInt32LE(40)).toBe(file.length - 44);
  return { rate, channels, bits, seconds: (file.length - 44) / (rate * channels * (bits / 8)) };
}

describe('demo recordings', () => {
  it('writes each one as a playable WAV of its length (capped), keeps the newest and deletes older files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-demo-rec-'));
    writeFileSync(join(dir, 'q630-earlier.wav'), 'old');
    utimesSync(join(dir, 'q630-earlier.wav'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    writeFileSync(join(dir, 'q631-earlier.wav'), 'newer');
    writeFileSync(join(dir, 'notes.txt'), 'not a recording');
    const recordings = new DemoRecordings(dir, 3);
    recordings.add('q630-a.wav', 7);
    recordings.add('q630-b.wav', 95);
    recordings.add('../escape.wav', 5);
    await recordings.flushed();
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'q630-a.wav', 'q630-b.wav', 'q631-earlier.wav']);
    const short = readFileSync(join(dir, 'q630-a.wav'));
    expect(wavFacts(short)).toEqual({ rate: 8000, channels: 1, bits: 16, seconds: 7 });
    expect(wavFacts(readFileSync(join(dir, 'q630-b.wav'))).seconds).toBe(MAX_RECORDING_SECONDS);
    // Not silence: the samples swing.
    const samples = Array.from({ length: 800 }, (_, i) => Math.abs(short.readInt16LE(44 + 2 * (400 + i))));
    expect(Math.max(...samples)).toBeGreaterThan(3000);
    // The vendor API's bytes are the file's.
    expect(recordings.wav('q630-a.wav')).toEqual(short);
    expect(recordings.wav('../escape.wav')).toBeUndefined();
    expect(recordings.wav('q631-earlier.wav')).toBeUndefined();
  });

  it('the demo records its calls where the core reads them, and they play over AMI and over the vendor API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-demo-core-'));
    const base = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const };
    const { pbx, config } = await startDemoPbxFor(base, { agents: 6, speed: 0 });
    cleanups.push(() => pbx.close());
    expect(config.recordingsDir).toBe(join(dataDir, 'recordings'));
    const core: Core = await startCore(config, { log: silentLogger, serveHttp: true });
    cleanups.unshift(() => core.close());
    await core.amiBackends[0]!.whenSynced();

    const { uniqueid } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000777', answerBy: '800', talkMs: 6000 });
    let file = '';
    await expect.poll(async () => {
      pbx.step(1000);
      const answer = await (await fetch(`http://127.0.0.1:${core.http!.port}/api/invoke/history.search`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { hasRecording: true }, page: { limit: 50 } }),
      })).json() as { result?: { rows: Array<{ uniqueid: string; recordingFile?: string }> } };
      file = answer.result?.rows.find((row) => row.uniqueid === uniqueid)?.recordingFile ?? '';
      return file;
    }, { timeout: 20_000 }).toMatch(/^\/var\/spool\/asterisk\/monitor\/q630-.*\.wav$/);
    await pbx.recordingsWritten();
    const name = file.split('/').pop()!;
    const onDisk = readFileSync(join(config.recordingsDir!, name));
    expect(wavFacts(onDisk).seconds).toBeGreaterThanOrEqual(6);

    const overAmi = await fetch(`http://127.0.0.1:${core.http!.port}/api/recordings/${encodeURIComponent(file)}`);
    expect(overAmi.status).toBe(200);
    expect(overAmi.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await overAmi.arrayBuffer())).toEqual(onDisk);

    // A vendor-box-only core (no folder of its own) fetches the same file from the box's /monitor/.
    const vendorCore = await startCore({
      ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-demo-vendor-'))),
      http: { host: '127.0.0.1', port: 0 }, receiver: false, webkey: pbx.webkey,
      vendorApi: { baseUrl: `http://127.0.0.1:${pbx.apiPort}`, pollSeconds: 60 },
    }, { log: silentLogger, serveHttp: true });
    cleanups.unshift(() => vendorCore.close());
    // Until its first poll answers, the box counts as down.
    const overApi = () => fetch(`http://127.0.0.1:${vendorCore.http!.port}/api/recordings/${encodeURIComponent(name)}`);
    await expect.poll(async () => (await overApi()).status, { timeout: 10_000 }).toBe(200);
    expect(Buffer.from(await (await overApi()).arrayBuffer())).toEqual(onDisk);
    const missing = await fetch(`http://127.0.0.1:${vendorCore.http!.port}/api/recordings/q630-never-recorded.wav`);
    expect(missing.status).toBe(404);
  });
});
