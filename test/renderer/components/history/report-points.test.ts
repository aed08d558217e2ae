import { describe, expect, test } from 'vitest';
import { addTally, defaultStatsRules, emptyTally, figuresOf, type QueueTally, type ReportReply, type ReportRow } from '../../../../electron/core/contract';
import { reportPoints } from '../../../../renderer/src/components/history/report-points';

/** A report row as the core makes one: figures of a tally. */
function row(bucketLabel: string, key: string, fields: Partial<QueueTally>): ReportRow {
  const tally = addTally(emptyTally(), { ...emptyTally(), ...fields });
  return { bucketStart: 0, bucketLabel, key, ...figuresOf(tally, defaultStatsRules) };
}
const reply = (rows: ReportRow[]): ReportReply => ({ rows, rules: {}, timeZone: 'Asia/Shanghai', servedFrom: 'calls' });
const within20 = (n: number) => [0, 0, 0, n, n, n, n, n, n, n, n, n];

describe('reportPoints', () => {
  test('the total keeps one point per bucket', () => {
    const points = reportPoints(reply([row('2026-11-24', '', { offered: 4, answered: 3, answeredWithin: within20(3) }), row('2026-11-25', '', { offered: 0 })]));
    expect(points.map((p) => [p.label, p.serviceLevel])).toEqual([['2026-11-24', 0.75], ['2026-11-25', null]]);
  });

  test('per queue, buckets add up and ratios are taken of the sums, busiest first', () => {
    const points = reportPoints(reply([
      row('2026-11-24', '630', { offered: 2, answered: 1, completed: 1, answeredWithin: within20(1), waitAnsweredSum: 10, talkSum: 100, scoreSum: 4, scored: 1, abandoned: 1, missCauses: { NO_ASSIGN: 1, NO_AGENT_ANSWER: 0, NO_AGENT_LOGIN: 0, MEMBER_CANCEL: 0, other: 0 } }),
      row('2026-11-25', '630', { offered: 4, answered: 3, completed: 3, answeredWithin: within20(2), waitAnsweredSum: 90, talkSum: 600, scoreSum: 6, scored: 3, abandoned: 1 }),
      row('2026-11-25', '631', { offered: 1, answered: 1, completed: 1, answeredWithin: within20(1), waitAnsweredSum: 5 }),
    ]));
    expect(points.map((p) => p.label)).toEqual(['630', '631']);
    const [q630] = points;
    expect(q630).toMatchObject({ offered: 6, answered: 4, answeredWithinSl: 3, serviceLevel: 0.5, asaSeconds: 25, ahtSeconds: 175, avgScore: 2.5 });
    expect(q630?.missCauses.NO_ASSIGN).toBe(1);
  });

  test('keeps only the busiest queues or agents', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row('d', `80${String(i).padStart(2, '0')}`, { offered: i }));
    const points = reportPoints(reply(rows), 5);
    expect(points.map((p) => p.offered)).toEqual([39, 38, 37, 36, 35]);
  });
});
