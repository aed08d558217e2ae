// A receiver in its own process, for the kill -9 test: prints its port, then serves until killed.
import { silentLogger } from '../../../electron/core/base/logger';
import { LiveModel } from '../../../electron/core/live/model';
import { openDatabase } from '../../../electron/core/store/database';
import { createEventLog } from '../../../electron/core/store/event-log';
import { createReceiver } from '../../../electron/core/vendor-api/receiver';

const db = openDatabase(process.argv[2]!);
// The test fires 300 pushes at once over 300 connections: above the per-address cap, which is not what it tests.
const receiver = createReceiver({ eventLog: createEventLog(db), model: new LiveModel(), log: silentLogger, connectionLimits: { maxConnections: 1_000, maxConnectionsPerIp: 1_000 } });
const { port } = await receiver.listen('127.0.0.1', 0);
process.stdout.write(`${port}\n`);
