import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../electron/core/base/logger';
import type { CallRecord } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { openDatabase } from '../../../electron/core/store/database';
import { createEventLog } from '../../../electron/core/store/event-log';
import type { IvrJourneyStep } from '../../../electron/core/vendor-api/push-to-model';
import { createReceiver, type ReceiverOptions } from '../../../electron/core/vendor-api/receiver';

/** A real receiver on 127.0.0.1:0 writing to a real SQLite file in a temp dir; `reader` is a second connection. */
export async function startReceiver(options: Partial<Omit<ReceiverOptions, 'eventLog' | 'model' | 'log'>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-receiver-'));
  const file = join(dir, 'cache.sqlite');
  const db = openDatabase(file);
  const reader = new Database(file, { readonly: true });
  const eventLog = createEventLog(db);
  const model = new LiveModel();
  const records: CallRecord[] = [];
  const ivrSteps: IvrJourneyStep[] = [];
  const receiver = createReceiver({
    eventLog,
    model,
    log: silentLogger,
    onCallRecord: (record) => records.push(record),
    onIvrStep: (step) => ivrSteps.push(step),
    ...options,
  });
  const { port } = await receiver.listen('127.0.0.1', 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    receiver,
    model,
    records,
    ivrSteps,
    reader,
    rawRow: (id: number) =>
      reader.prepare('SELECT event_type, is_known, source, body FROM raw_events WHERE id = ?').get(id) as
        | { event_type: string; is_known: number; source: string; body: string }
        | undefined,
    count: (table: 'raw_events' | 'rejected_events') => (reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    rejectedRows: () => reader.prepare('SELECT reason, content_type, body FROM rejected_events ORDER BY id').all() as { reason: string; content_type: string | null; body: string }[],
    async stop() {
      await receiver.close();
      await eventLog.close();
      reader.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RunningReceiver = Awaited<ReturnType<typeof startReceiver>>;

export async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { unparsable: text };
  }
  return { status: response.status, json };
}

/** The three body encodings of coocenter-api.md "Pushed events". */
export type Encoding = 'json' | 'form' | 'json5';

export function encode(fields: Record<string, string | number>, encoding: Encoding): { body: string; headers: Record<string, string> } {
  if (encoding === 'json') return { body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } };
  if (encoding === 'form') {
    const form = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
    return { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  // The vendor's lenient literal: unquoted keys, single quotes, comments, trailing comma.
  const lines = Object.entries(fields).map(([k, v]) => `${k}:${typeof v === 'number' ? v : `'${v}'`},//${k}`);
  return { body: `/* pushed */{\n${lines.join('\n')}\n}`, headers: { 'content-type': 'text/plain' } };
}
