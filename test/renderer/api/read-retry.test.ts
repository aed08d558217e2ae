import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActionService } from '../../../electron/core/actions/start';
import type { CoreContext } from '../../../electron/core/app/context';
import { createDispatcher } from '../../../electron/core/app/dispatcher';
import { allHandlers } from '../../../electron/core/app/handlers/all';
import { silentLogger } from '../../../electron/core/base/logger';
import { readRetry, type Caller, type InvokeReply } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { createCallStore } from '../../../electron/core/store/call-store';
import { createReads } from '../../../electron/core/store/reads';
import { invokeHonouringRetryAfter } from '../../../renderer/src/api/read-retry';
import { generateCalls } from '../../support/generate-calls';
import { tempDatabase } from '../../core/store/support/temp-db';

// A Reports run sends its reads at once. Past a client's allowance the core turns reads away with
// rate_limited and a Retry-After; the renderer's calls wait that long and ask again, so the page
// gets its figures. Real dispatcher, real read limiter and workers, real cache file.
let temp: ReturnType<typeof tempDatabase>;
let context: CoreContext;
const screen: Caller = { role: 'act', who: 'web:10.0.0.9' };

beforeAll(() => {
  temp = tempDatabase();
  const db = temp.open();
  generateCalls(createCallStore(db), { count: 300, firstDay: '2026-11-30', days: 2, timeZone: 'Asia/Shanghai', seed: 4 });
  const model = new LiveModel();
  context = {
    model, db, log: silentLogger, caller: screen, actions: startActionService({ model, db, log: silentLogger, amiBackends: [] }),
    // Two reads at once, then four a second: a Reports run of six reads overdraws it.
    reads: createReads(db, { perClient: { ratePerSecond: 4, burst: 2 } }),
  };
});
afterAll(async () => {
  context.actions.close();
  await context.reads?.close();
  temp.cleanup();
});

const totals = () => createDispatcher(allHandlers, context)('history.totals', { filter: {} }, screen);
const run = (invoke: () => Promise<InvokeReply>) => Promise.all(Array.from({ length: 6 }, () => invoke()));
const refusals = (replies: InvokeReply[]) => replies.flatMap((reply) => (reply.ok ? [] : [reply.error]));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reads turned away for a while', () => {
  it('are asked again after the Retry-After the core names, and all six answer', async () => {
    const bare = await run(totals);
    expect(refusals(bare).map((error) => [error.code, error.retryAfterSeconds])).toEqual(Array.from({ length: 4 }, () => ['rate_limited', 1]));
    await pause(1_100);
    const waits: number[] = [];
    const retried = await run(() => invokeHonouringRetryAfter(totals, async (ms) => { waits.push(ms); await pause(ms); }));
    expect(refusals(retried)).toEqual([]);
    expect(new Set(retried.map((reply) => JSON.stringify(reply)))).toEqual(new Set([JSON.stringify(bare.find((reply) => reply.ok))]));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 1_000)).toBe(true);
  });

  it('give up after a few tries, and never wait out a long Retry-After', async () => {
    let asked = 0;
    const refused = (seconds: number) => async (): Promise<InvokeReply> => {
      asked += 1;
      return { ok: false, error: { code: 'rate_limited', message: 'too many', retryAfterSeconds: seconds } };
    };
    const noWait = async () => undefined;
    expect(await invokeHonouringRetryAfter(refused(1), noWait)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(asked).toBe(1 + readRetry.times);
    asked = 0;
    await invokeHonouringRetryAfter(refused(30), noWait);
    expect(asked).toBe(1);
    asked = 0;
    // Nothing else is asked twice: a bad request or a forbidden act ran nothing to retry into a different answer.
    await invokeHonouringRetryAfter(async (): Promise<InvokeReply> => ((asked += 1), { ok: false, error: { code: 'forbidden', message: 'no' } }), noWait);
    expect(asked).toBe(1);
  });
});
