// Child process: the push receiver with its durable SQLite event log
// ('receiver'), or a bare node:http server that reads the body and answers
// 200 ('bare', the ceiling). Answers `stats` messages; exits on `stop`.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { silentLogger } from '../../electron/core/base/logger';
import { LiveModel } from '../../electron/core/live/model';
import { openDatabase } from '../../electron/core/store/database';
import { createEventLog } from '../../electron/core/store/event-log';
import { createReceiver } from '../../electron/core/vendor-api/receiver';
import { childMain, reply, type ChildMessage } from '../lib/child';
import { makeTempDir } from '../lib/temp-dir';

async function startReceiver() {
  const temp = makeTempDir('receiver');
  const db = openDatabase(join(temp.dir, 'callboard.db'));
  const eventLog = createEventLog(db);
  const receiver = createReceiver({ eventLog, model: new LiveModel(), log: silentLogger });
  const { port } = await receiver.listen('127.0.0.1', 0);
  return {
    port,
    stats: () => ({ ...eventLog.stats, accepted: receiver.stats.accepted, rejected: receiver.stats.rejected, storeFailures: receiver.stats.storeFailures }),
    cleanup: async () => {
      await receiver.close();
      await eventLog.close();
      db.close();
      temp.remove();
    },
  };
}

async function startBare() {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': 20 });
      res.end('{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    stats: () => ({ requests }),
    cleanup: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

childMain(async () => {
  const server = process.argv[2] === 'bare' ? await startBare() : await startReceiver();
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'stats') reply({ type: 'stats', stats: server.stats(), memory: process.memoryUsage().rss });
  });
  reply({ type: 'ready', port: server.port });
  return server.cleanup;
});
