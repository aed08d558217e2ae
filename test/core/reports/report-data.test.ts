import { afterAll, describe, expect, it } from 'vitest';
import { createReads } from '../../../electron/core/store/reads';
import { readScheduledReport } from '../../../electron/core/reports/report-data';
import { createCallStore } from '../../../electron/core/store/call-store';
import { generateCalls } from '../../support/generate-calls';
import { tempDatabase } from '../store/support/temp-db';

// A scheduled report's reads share the read pool's allowance with everyone: turned away
// (429 for a person), it waits its turn instead of failing the report.

const temp = tempDatabase('callboard-report-data-');
afterAll(() => temp.cleanup());

describe('the scheduled report reads', () => {
  it('wait for the read allowance instead of failing', async () => {
    const db = temp.open();
    generateCalls(createCallStore(db), { count: 300, firstDay: '2026-11-18', days: 1, timeZone: 'Asia/Shanghai', seed: 3, queues: ['630'] });
    // One read a second, none in reserve: the report's three reads cannot all pass at once.
    const reads = createReads(db, { perClient: { ratePerSecond: 1, burst: 1 } });
    try {
      const period = { from: Date.parse('2026-11-17T16:00:00Z'), to: Date.parse('2026-11-18T16:00:00Z') };
      const data = await readScheduledReport(reads, period, [], [], period.to);
      expect(data.queues.map((row) => row.key)).toEqual(['630']);
      expect(data.total?.offered).toBe(data.queues[0]!.offered);
      expect(data.agents.length).toBeGreaterThan(0);
    } finally {
      await reads.close();
    }
  });
});
