import { describe, expect, it } from 'vitest';
import type { PgPool } from '../../../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../../../electron/core/store/postgres/pg-history';
import { finishedBelow, historyIdentity, readChanges, startOfChanges, type ChangeCursors } from '../../../../electron/core/store/postgres/pg-changes';
import { generateCallRecord, type GenerateOptions } from '../../../support/generate-calls';
import { attemptOfCallRecord } from '../../../../electron/core/stats/attempt-of-record';
import { postgresForFile } from '../../../support/postgres-suite';

// Reading what changed since a cursor (004_changes.sql): a row a slower transaction commits
// after a faster one must still be read, and a new version of a row read again.

const postgres = await postgresForFile('PostgreSQL change tests');
const { cluster, skipReason } = postgres;

const options: GenerateOptions = { count: 10, firstDay: '2026-03-02', days: 1, timeZone: 'Asia/Shanghai', seed: 3 };
const call = (index: number) => generateCallRecord(options, index);

async function readAll(pool: PgPool, pbx: string, cursors: ChangeCursors, limit: number) {
  const below = await finishedBelow(pool);
  const uniqueids: string[] = [];
  for (;;) {
    const page = await readChanges(pool, pbx, cursors, below, limit);
    uniqueids.push(...page.calls.map((shared) => shared.record.uniqueid));
    cursors = page.cursors;
    if (page.isDone) return { uniqueids, cursors };
  }
}

describe.skipIf(!cluster)(`changes of the shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('holds back rows above a transaction still running, so the one that commits last is not skipped', async () => {
    const pool = await postgres.open('changes');
    const history = createPgHistory(pool, { pbx: 'p' });
    await history.upsertCalls([call(0)]);
    let cursors = startOfChanges;
    ({ cursors } = await readAll(pool, 'p', cursors, 100).then((read) => {
      expect(read.uniqueids).toEqual([call(0).uniqueid]);
      return read;
    }));

    // A slow writer takes its transaction id first; a fast one commits after it started, before it ends.
    const slow = await pool.connect();
    await slow.query('BEGIN');
    await slow.query('SELECT pg_current_xact_id()');
    await history.upsertCalls([call(1)]);
    expect((await readAll(pool, 'p', cursors, 100)).uniqueids).toEqual([]);
    await slow.query(
      "INSERT INTO calls (pbx, uniqueid, source, source_rank, direction, caller_num, called_num, started_at, local_hour, ended_at, is_answered) VALUES ('p', 'slow.1', 'ami', 1, 'inbound', '1', '2', 0, 0, 0, 0)",
    );
    await slow.query('COMMIT');
    slow.release();
    const read = await readAll(pool, 'p', cursors, 1);
    expect(read.uniqueids).toEqual(['slow.1', call(1).uniqueid]);

    // A new version of a row read before comes again; another PBX's rows never do.
    await history.upsertCalls([{ ...call(0), source: 'cc_cdr', agent: '899' }]);
    await createPgHistory(pool, { pbx: 'other' }).upsertCalls([call(2)]);
    const again = await readAll(pool, 'p', read.cursors, 100);
    expect(again.uniqueids).toEqual([call(0).uniqueid]);
    expect((await readAll(pool, 'p', again.cursors, 100)).uniqueids).toEqual([]);
  });

  it('leaves a queue pass still open to its writer, and brings it once it ends', async () => {
    const pool = await postgres.open('changes_open');
    const history = createPgHistory(pool, { pbx: 'p' });
    const ended = Array.from({ length: 10 }, (_, index) => attemptOfCallRecord(call(index))).find((attempt) => attempt !== undefined)!;
    const { agent: _agent, connectedAt: _connectedAt, endedAt: _endedAt, talkSeconds: _talk, ...open } = ended;
    await history.upsertCalls([], [{ ...open, outcome: 'waiting', source: 'ami' }]);
    const passes = async (cursors: ChangeCursors) => {
      const page = await readChanges(pool, 'p', cursors, await finishedBelow(pool), 100);
      return { outcomes: page.attempts.map((attempt) => attempt.outcome), cursors: page.cursors };
    };
    const first = await passes(startOfChanges);
    expect(first.outcomes).toEqual([]);
    await history.upsertCalls([], [{ ...ended, source: 'ami' }]);
    expect((await passes(first.cursors)).outcomes).toEqual([ended.outcome]);
  });

  it('names the database, whatever URL reaches it', async () => {
    const [one, two] = await Promise.all([postgres.open('changes'), postgres.open('changes_other')]);
    expect(await historyIdentity(one)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await historyIdentity(one)).not.toBe(await historyIdentity(two));
  });
});
