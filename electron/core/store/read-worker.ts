import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { isReadJobName, runReadJob } from './read-jobs';
import type { ReadReply, ReadRequest } from './read-pool';

// A read worker (read-pool.ts): its own read-only connection to the cache's WAL file, so
// a search over millions of rows blocks this thread, never the one serving the live
// view, the pushes and /healthz. WAL lets it read while the main thread writes.

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

const port = parentPort!;
port.on('message', (request: ReadRequest) => {
  const { id, job, args } = request;
  const send = (reply: ReadReply) => port.postMessage(reply);
  if (!isReadJobName(job)) {
    send({ id, error: `unknown read job ${String(job)}` });
    return;
  }
  runReadJob(db, job, args as never, (done) => send({ id, progress: done })).then(
    (result) => send({ id, result }),
    (error: unknown) => send({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
