// Child process of durability.test.ts: writes calls through the group-commit writer as
// fast as it can and prints "ack <first> <last>" after each batch's promise resolved,
// until its parent kills it with SIGKILL.
import { createCallStore } from '../../../../electron/core/store/call-store';
import { createCallWriter } from '../../../../electron/core/store/call-writer';
import { openDatabase } from '../../../../electron/core/store/database';
import { generateCallRecord } from '../../../support/generate-calls';

const file = process.argv[2];
if (!file) throw new Error('usage: kill-writer.ts <database file>');
const options = { count: 1_000_000, firstDay: '2026-11-01', days: 30, timeZone: 'Asia/Shanghai', seed: 11 };
const writer = createCallWriter(createCallStore(openDatabase(file)));
let next = 0;

async function writeBatch(): Promise<void> {
  const first = next;
  const records = Array.from({ length: 25 }, () => generateCallRecord(options, next++));
  await writer.writeCalls(records);
  process.stdout.write(`ack ${first} ${first + records.length - 1}\n`);
}

process.stdout.write('ready\n');
for (;;) await Promise.all([writeBatch(), writeBatch(), writeBatch(), writeBatch()]);
