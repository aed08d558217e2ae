import { describe, expect, test } from 'vitest';
import type { ReportReply, ReportRow } from '../../../../electron/core/contract';
import { reportPoints } from '../../../../renderer/src/components/history/report-points';

function row(bucketLabel: string, key: string, fields: Partial<ReportRow>): ReportRow {
  return {
    bucketStart: 0, bucketLabel, key, offered: 0, answered: 0, abandoned: 0,
    missCauses: { NO_ASSIGN: 0, NO_AGENT_ANSWER: 0, NO_AGENT_LOGIN: 0, MEMBER_CANCEL: 0, other: 0 },
    answeredWithinSl: 0, serviceLevel: null, asaSeconds: null, ahtSeconds: null,
    talkSeconds: 0, holdSeconds: 0, wrapupSeconds: 0, avgScore: null, scoredCalls: 0, ...fields,
  };
}
const reply = (rows: ReportRow[]): ReportReply => ({ rows, slSeconds: 20, timeZone: 'Asia/Shanghai', servedFrom: 'calls' });

describe('reportPoints', () => {
  test('the total keeps one point per bucket, service level in percent', () => {
    const points = reportPoints(reply([row('2026-11-24', '', { offered: 4, answeredWithinSl: 3 }), row('2026-11-25', '', { offered: 0 })]));
    expect(points.map((p) => [p.label, p.serviceLevel])).toEqual([['2026-11-24', 75], ['2026-11-25', null]]);
  });

  test('per queue, buckets add up and averages weigh by what they average over, busiest first', () => {
    const points = reportPoints(reply([
      row('2026-11-24', '630', { offered: 2, answered: 1, answeredWithinSl: 1, asaSeconds: 10, ahtSeconds: 100, avgScore: 4, scoredCalls: 1, missCauses: { NO_ASSIGN: 1, NO_AGENT_ANSWER: 0, NO_AGENT_LOGIN: 0, MEMBER_CANCEL: 0, other: 0 } }),
      row('2026-11-25', '630', { offered: 4, answered: 3, answeredWithinSl: 2, asaSeconds: 30, ahtSeconds: 200, avgScore: 2, scoredCalls: 3 }),
      row('2026-11-25', '631', { offered: 1, answered: 1, answeredWithinSl: 1, asaSeconds: 5 }),
    ]));
    expect(points.map((p) => p.label)).toEqual(['630', '631']);
    const [q630] = points;
    expect(q630).toMatchObject({ offered: 6, answered: 4, answeredWithinSl: 3, serviceLevel: 50, asaSeconds: 25, ahtSeconds: 175, avgScore: 2.5 });
    expect(q630?.missCauses.NO_ASSIGN).toBe(1);
  });

  test('keeps only the busiest queues or agents', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row('d', `80${String(i).padStart(2, '0')}`, { offered: i }));
    const points = reportPoints(reply(rows), 5);
    expect(points.map((p) => p.offered)).toEqual([39, 38, 37, 36, 35]);
  });
});
