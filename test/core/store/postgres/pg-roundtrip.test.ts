import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallRecord, IvrStep } from '../../../../electron/core/contract/history';
import { createCallStore } from '../../../../electron/core/store/call-store';
import { defaultPauseReasons } from '../../../../electron/core/contract/pause-reasons';
import { readJobs, runReadJob, type ReadJobArgs, type ReadJobName } from '../../../../electron/core/store/read-jobs';
import { generateCallRecord, type GenerateOptions } from '../../../support/generate-calls';
import { postgresForFile } from '../../../support/postgres-suite';
import { tempDatabase } from '../support/temp-db';
import { fillFromPostgres } from '../support/store-engine';

// Every read the pages, exports and wallboard make (store/read-jobs.ts, the one table of them), on
// a cache that recorded the calls itself and on an empty one filled from the shared history only:
// the same answers, field by field, and the same exported bytes.

const { cluster, skipReason } = await postgresForFile('PostgreSQL round-trip tests');
const temp = tempDatabase('callboard-roundtrip-');
afterAll(() => temp.cleanup());

const HOUR = 3_600_000;
const options: GenerateOptions = {
  count: 3_000, firstDay: '2026-03-02', days: 3, timeZone: 'Asia/Shanghai', seed: 5,
  agents: Array.from({ length: 12 }, (_, i) => String(800 + i)), queues: ['600', '610', '620'],
};
const from = Date.parse('2026-03-02T00:00:00+08:00');
const to = from + 3 * 24 * HOUR;
const now = to + HOUR;
const generated: CallRecord[] = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));
// A later cdr report of every tenth call: merged calls, with field ranks of two sources.
const cdrReports = generated.filter((_, index) => index % 10 === 0).map((call): CallRecord => ({ ...call, source: 'cdr', queueSeconds: 0, ringSeconds: 0, hangupCause: 'CDR_CAUSE', duration: call.duration + 1 }));
const steps: IvrStep[] = generated.slice(0, 200).map((call) => ({ uniqueid: call.uniqueid, ivrId: '610', ivrName: '主菜单', dtmf: '1', startAt: call.startedAt, endAt: call.startedAt + 3_000 }));

describe.skipIf(!cluster)(`a cache filled from the shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('answers every read job as the cache that recorded the calls', async () => {
    const recorded = temp.open(join(temp.dir, 'recorded.db'));
    const filled = temp.open(join(temp.dir, 'filled.db'));
    const store = createCallStore(recorded);
    store.upsertCalls(generated);
    store.upsertCalls(cdrReports);
    store.addIvrSteps(steps);
    for (const [index, agent] of options.agents!.entries()) {
      store.openInterval({ agent, queue: '600', kind: 'login', startAt: from + index * 60_000 });
      store.openInterval({ agent, queue: '600', kind: 'pause', reason: index % 2 ? 'lunch' : 'break', startAt: from + 2 * HOUR });
      store.closeInterval({ agent, queue: '600', kind: 'pause', endAt: from + 2 * HOUR + (index + 1) * 60_000 });
      store.closeInterval({ agent, queue: '600', kind: 'login', endAt: from + 9 * HOUR });
    }

    await fillFromPostgres(cluster!.databaseUrl('roundtrip'), recorded, filled);

    const exportTo = (name: string) => ({ file: join(temp.dir, name), format: 'csv' as const });
    const args: { [J in ReadJobName]: (side: string) => ReadJobArgs[J] } = {
      'history.search': () => ({ filter: { from, to }, page: { limit: 200, totalCap: 5_000 }, sort: { key: 'duration', order: 'desc' } }),
      'history.report': () => ({ from, to, dimension: 'agent', grain: 'hour' }),
      'history.heatmap': () => ({ from, to }),
      'history.totals': () => ({ filter: { from, to, queue: '610' } }),
      'history.agentStates': () => ({ request: { from, to }, reasons: defaultPauseReasons }),
      'history.agentPerformance': () => ({ request: { from, to }, reasons: defaultPauseReasons, now }),
      'export.calls': (side) => ({ timeZone: options.timeZone, filter: { from, to }, options: exportTo(`calls-${side}.csv`) }),
      'export.report': (side) => ({ request: { from, to, dimension: 'queue', grain: 'day' }, options: exportTo(`report-${side}.csv`) }),
      'history.distributions': () => ({ from, to }),
      'history.breakdown': () => ({ request: { from, to, by: 'did' }, now }),
      'history.transfers': () => ({ from, to }),
      'live.slTrend': () => ({ queues: ['600', '610'], now: from + 10 * HOUR }),
      'export.distributions': (side) => ({ table: 'breakdown', request: { from, to, by: 'trunk' }, now, options: exportTo(`distributions-${side}.csv`) }),
      'waiting.history': () => ({ callId: generated[5]!.uniqueid, callerNum: generated[5]!.callerNum, now: generated[5]!.startedAt + 60_000 }),
    };
    const fileOf = (result: unknown) => (result && typeof result === 'object' && 'file' in result ? readFileSync(String(result.file), 'utf8') : undefined);
    for (const job of Object.keys(readJobs) as ReadJobName[]) {
      const [mine, theirs] = [await runReadJob(recorded, job, args[job]('recorded') as never), await runReadJob(filled, job, args[job]('filled') as never)];
      const file = fileOf(mine);
      if (file !== undefined) {
        expect([job, fileOf(theirs)]).toEqual([job, file]);
        expect(file.split('\n').length).toBeGreaterThan(2);
      } else {
        expect([job, theirs]).toEqual([job, mine]);
      }
    }
    // Not a trivial equality: the reads found the calls, passes and intervals.
    const page = await runReadJob(filled, 'history.search', args['history.search']('filled'));
    expect(page.total).toBeGreaterThan(2_000);
    expect((await runReadJob(filled, 'history.agentStates', args['history.agentStates']('filled'))).length).toBeGreaterThanOrEqual(24);
  });
});
