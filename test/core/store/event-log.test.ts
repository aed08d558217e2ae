import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { createEventLog } from '../../../electron/core/store/event-log';

describe('event log (group commit)', () => {
  let dir: string;
  let file: string;
  let db: Db;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-eventlog-'));
    file = join(dir, 'cache.sqlite');
    db = openDatabase(file);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves each append only after its row is committed and visible to a second connection', async () => {
    const log = createEventLog(db);
    const reader = new Database(file, { readonly: true });
    try {
      const count = () => (reader.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n;
      const pending = Array.from({ length: 50 }, (_, i) =>
        log.append({ source: 'push', eventType: 'hangup', isKnown: true, remote: '127.0.0.1', body: JSON.stringify({ i }) }).then((id) => {
          // At resolution time the row must already be readable from another connection.
          const row = reader.prepare('SELECT body FROM raw_events WHERE id = ?').get(id) as { body: string } | undefined;
          return { id, body: row?.body };
        }),
      );
      expect(count()).toBe(0); // nothing committed synchronously: the batch waits for the tick to end
      const results = await Promise.all(pending);
      expect(results.map((r) => r.body)).toEqual(Array.from({ length: 50 }, (_, i) => JSON.stringify({ i })));
      expect(new Set(results.map((r) => r.id)).size).toBe(50);
      expect(count()).toBe(50);
      // One tick's worth of appends went in one transaction.
      expect(log.stats.transactions).toBe(1);
      expect(log.stats.committedRows).toBe(50);
    } finally {
      reader.close();
    }
  });

  it('commits rows of separate ticks in separate transactions and keeps is_known and rejected rows', async () => {
    const log = createEventLog(db, () => 1_700_000_000_000);
    await log.append({ source: 'push', eventType: 'mystery', isKnown: false, body: '{}' });
    await log.reject({ kind: 'undecodable', remote: '10.0.0.1', reason: 'empty body', contentType: 'text/plain', body: '' });
    expect(log.stats.transactions).toBe(2);
    expect(db.prepare('SELECT event_type, is_known, received_at FROM raw_events').all()).toEqual([
      { event_type: 'mystery', is_known: 0, received_at: 1_700_000_000_000 },
    ]);
    expect(db.prepare('SELECT remote, reason, content_type, body FROM rejected_events').all()).toEqual([
      { remote: '10.0.0.1', reason: 'empty body', content_type: 'text/plain', body: '' },
    ]);
  });

  it('rejects every promise of a batch whose transaction failed, and none is half-stored', async () => {
    const log = createEventLog(db);
    const good = log.append({ source: 'push', eventType: 'cdr', isKnown: true, body: '{}' });
    // NOT NULL body violates the schema: the whole batch rolls back.
    const bad = log.append({ source: 'push', eventType: 'cdr', isKnown: true, body: null as unknown as string });
    await expect(good).rejects.toThrow();
    await expect(bad).rejects.toThrow();
    expect((db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n).toBe(0);
    expect(log.stats.failedRows).toBe(2);
  });

  it('flush() and close() commit what is queued; appends after close are refused', async () => {
    const log = createEventLog(db);
    const first = log.append({ source: 'ami', eventType: 'Hangup', isKnown: true, body: '{}' });
    await log.flush();
    await first;
    const second = log.append({ source: 'ami', eventType: 'Hangup', isKnown: true, body: '{}' });
    await log.close();
    await second;
    await expect(log.append({ source: 'ami', eventType: 'x', isKnown: true, body: '{}' })).rejects.toThrow(/closed/);
    expect((db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n).toBe(2);
  });
});
