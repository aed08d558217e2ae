// Child process: insert `rows` raw_events rows into a fresh WAL database
// (openDatabase: migrations, synchronous=NORMAL) one of four ways:
//   ceiling   — the event log's INSERT, prepared, all rows in ONE transaction
//   per-row   — the same INSERT, one autocommit transaction per row
//   burst     — createEventLog().append() for every row at once, await all
//   producers — 16 producers, each awaiting its ack before appending again
//               (what the receiver does with 16 keep-alive sockets)
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/store/database';
import { createEventLog, type RawEventRow } from '../../electron/core/store/event-log';
import { childMain, reply } from '../lib/child';
import { nowMs } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { pushBody } from '../receiver/push-bodies';

const INSERT = 'INSERT INTO raw_events (received_at, source, event_type, is_known, remote, body) VALUES (?, ?, ?, ?, ?, ?)';

function row(i: number): RawEventRow {
  const body = pushBody(i);
  return { source: 'push', eventType: ['extensionstatus', 'dialbegin', 'dialend', 'hangup'][i % 4] ?? 'hangup', isKnown: true, remote: '127.0.0.1', body, receivedAt: 1_764_000_000_000 + i };
}

childMain(async () => {
  const [mode, rowsText] = process.argv.slice(2);
  const rows = Array.from({ length: Number(rowsText) }, (_, i) => row(i));
  const temp = makeTempDir('insert');
  const db = openDatabase(join(temp.dir, 'callboard.db'));
  const insert = db.prepare(INSERT);
  const put = (r: RawEventRow) => insert.run(r.receivedAt, r.source, r.eventType, r.isKnown ? 1 : 0, r.remote, r.body);
  let transactions = 0;
  const start = nowMs();
  if (mode === 'ceiling') {
    db.transaction(() => rows.forEach(put))();
    transactions = 1;
  } else if (mode === 'per-row') {
    rows.forEach(put);
    transactions = rows.length;
  } else {
    const log = createEventLog(db);
    if (mode === 'burst') {
      await Promise.all(rows.map((r) => log.append(r)));
    } else {
      let next = 0;
      const producer = async () => {
        while (next < rows.length) {
          const r = rows[next++];
          if (r) await log.append(r);
        }
      };
      await Promise.all(Array.from({ length: 16 }, producer));
    }
    transactions = log.stats.transactions;
    await log.close();
  }
  const seconds = (nowMs() - start) / 1000;
  const stored = (db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n;
  db.close();
  temp.remove();
  if (stored !== rows.length) throw new Error(`${mode}: ${stored} rows stored of ${rows.length}`);
  reply({ type: 'result', rows: rows.length, seconds, transactions });
});
