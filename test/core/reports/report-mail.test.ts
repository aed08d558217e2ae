import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { desktopCaller } from '../../../electron/core/app/dispatcher';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { ReportRunView, ReportScheduleView } from '../../../electron/core/contract';
import { createCallStore } from '../../../electron/core/store/call-store';
import { openDatabase } from '../../../electron/core/store/database';
import { generateCalls } from '../../support/generate-calls';

// A schedule with recipients only, mailed through a real SMTP server on a free port
// (smtp-server, with login): the message arrives with both files attached, and no file
// is left on the core's disk.

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

const zone = 'Asia/Shanghai';
const received: Received[] = [];
let server: SMTPServer;
let port: number;
let dir: string;
let core: Core;

beforeAll(async () => {
  server = new SMTPServer({
    // No TLS on loopback in a test: the relay sends in the clear and logs in anyway.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'reports' && auth.password === 'relay-secret') callback(null, { user: auth.username });
      else callback(new Error('bad login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), 'callboard-mail-'));
  const db = openDatabase(join(dir, 'callboard.db'));
  generateCalls(createCallStore(db), { count: 500, firstDay: '2026-11-18', days: 2, timeZone: zone, seed: 5, queues: ['630'], agents: ['8001', '8002'] });
  db.close();
  core = await startCore(
    {
      ...defaultConfig(dir), receiver: false, timeZone: zone,
      reports: { smtp: { host: '127.0.0.1', port, secure: false, user: 'reports', password: 'relay-secret', from: 'callboard@example.com' } },
    },
    { log: silentLogger, serveHttp: false, clock: () => Date.parse('2026-11-19T23:05:00Z') },
  );
});
afterAll(async () => {
  await core?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Attachments of a MIME message: file name → decoded bytes. */
function attachmentsOf(raw: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const part of raw.split(/\r\n--[^\r\n]+/)) {
    const name = /filename="?([^"\r\n;]+)"?/i.exec(part)?.[1];
    if (!name || !/Content-Transfer-Encoding: base64/i.test(part)) continue;
    const body = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '');
    files.set(name, Buffer.from(body, 'base64'));
  }
  return files;
}

describe('scheduled reports by mail', () => {
  it('mails both files through the relay, logged in, and keeps no copy', async () => {
    const saved = await core.dispatch('schedules.save', {
      name: 'daily-630', kind: 'daily', time: '07:00', formats: ['xlsx', 'pdf'], language: 'en', queues: ['630'], recipients: ['lead@example.com', 'ops@example.com'],
    }, desktopCaller);
    expect(saved).toMatchObject({ ok: true, result: { ok: true } });
    const schedule = (saved as { result: { value: ReportScheduleView } }).result.value;
    const ran = await core.dispatch('schedules.runNow', { id: schedule.id }, desktopCaller);
    expect(ran).toMatchObject({ ok: true, result: { ok: true, value: { status: 'ok', files: [], mailedTo: ['lead@example.com', 'ops@example.com'] } } });
    const run = (ran as { result: { value: ReportRunView } }).result.value;
    expect(run.from).toBe(Date.parse('2026-11-18T16:00:00Z'));

    expect(received).toHaveLength(1);
    const [mail] = received as [Received];
    expect(mail).toMatchObject({ from: 'callboard@example.com', to: ['lead@example.com', 'ops@example.com'], user: 'reports' });
    expect(mail.raw).toContain('Subject: =?UTF-8?Q?Callboard_=C2=B7_daily-630_');
    const files = attachmentsOf(mail.raw);
    expect([...files.keys()].sort()).toEqual(['daily-630-2026-11-19.pdf', 'daily-630-2026-11-19.xlsx']);
    expect(files.get('daily-630-2026-11-19.pdf')!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('daily-630-2026-11-19.xlsx')! as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Queues', 'Agents']);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('630');
  });

  it('a relay that refuses the login fails the run, with the reason in the notice', async () => {
    await core.close();
    core = await startCore(
      { ...defaultConfig(dir), receiver: false, timeZone: zone, reports: { smtp: { host: '127.0.0.1', port, secure: false, user: 'reports', password: 'wrong', from: 'callboard@example.com' } } },
      { log: silentLogger, serveHttp: false, clock: () => Date.parse('2026-11-19T23:10:00Z') },
    );
    const [stored] = core.reportSchedules.store.list();
    const ran = await core.dispatch('schedules.runNow', { id: stored!.schedule.id }, desktopCaller);
    expect(ran).toMatchObject({ ok: true, result: { ok: false, error: { message: expect.stringMatching(/auth|login|535/i) } } });
    expect(core.model.snapshot().notices.find((notice) => notice.code === 'report_failed')).toMatchObject({ params: { name: 'daily-630' } });
    expect(received).toHaveLength(1);
  });
});
