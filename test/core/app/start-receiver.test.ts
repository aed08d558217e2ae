import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Lifetime } from '../../../electron/core/base/lifetime';
import { silentLogger } from '../../../electron/core/base/logger';
import { startHistory } from '../../../electron/core/app/start-history';
import { startPushReceiver } from '../../../electron/core/app/start-receiver';
import { defaultConfig } from '../../../electron/core/config/config';
import { LiveModel } from '../../../electron/core/live/model';
import type { Db } from '../../../electron/core/store/database';
import { tempDatabase } from '../store/support/temp-db';

// With only pushes coming in, the raw event log is the first writer to hit a full
// disk: its 503s must reach the supervisor's screen too, and clear once pushes store again.

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let lifetime: Lifetime;
beforeEach(() => {
  temp = tempDatabase('callboard-receiver-notice-');
  db = temp.open();
  lifetime = new Lifetime();
});
afterEach(async () => {
  await lifetime.close().catch(() => {});
  temp.cleanup();
});

const push = (port: number, seq: number) =>
  fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify({ event: 'extensionstatus', exten: '801', status: 0, pad: 'x'.repeat(2_000), seq }) });

describe('push receiver and notices', () => {
  it('a push refused for a full disk raises db_disk_full; the next stored push takes it down', async () => {
    const model = new LiveModel();
    const history = startHistory(db, model, 'Asia/Shanghai', silentLogger, lifetime);
    const port = await startPushReceiver({ host: '127.0.0.1', port: 0 }, defaultConfig(temp.dir), db, model, history, silentLogger, lifetime);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);

    let status = 200;
    for (let seq = 0; seq < 40 && status === 200; seq++) status = (await push(port, seq)).status;
    expect(status).toBe(503);
    expect(model.snapshot().notices).toEqual([expect.objectContaining({ id: 'db_write', code: 'db_disk_full', params: { file: temp.file } })]);

    db.pragma(`max_page_count = ${pages + 10_000}`);
    expect((await push(port, 100)).status).toBe(200);
    expect(model.snapshot().notices).toEqual([]);
  });
});
