import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDemoPbxArgs } from '../../../electron/core/demo/cli';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';

// The demo's traffic follows the PBX's hour of day; --peak keeps the busiest hour's all day,
// so a demo (or the e2e suite) started at night still has calls to watch.

const opened: DemoPbx[] = [];
afterEach(async () => {
  for (const pbx of opened.splice(0)) await pbx.close();
});

/** Calls that entered a queue in one simulated hour from `startTime`. */
async function queueCallsInAnHour(startTime: number, isAlwaysPeak: boolean): Promise<number> {
  const queueLogFile = join(mkdtempSync(join(tmpdir(), 'callboard-traffic-')), 'queue_log');
  const pbx = await startDemoPbx({ agents: 24, autoStart: false, seed: 5, startTime, isAlwaysPeak, ami: false, queueLogFile });
  opened.push(pbx);
  pbx.startSimulation();
  for (let step = 0; step < 360; step++) pbx.step(10_000);
  await pbx.close();
  return readFileSync(queueLogFile, 'utf8').split('\n').filter((line) => line.includes('|ENTERQUEUE|')).length;
}

const today = new Date().toISOString().slice(0, 10);
const at4InShanghai = Date.parse(`${today}T20:00:00Z`);
const at10InShanghai = Date.parse(`${today}T02:00:00Z`);

describe('demo traffic by hour', () => {
  it('is quiet at 04:00, busy at 10:00, and busy at 04:00 with --peak', async () => {
    const night = await queueCallsInAnHour(at4InShanghai, false);
    const morning = await queueCallsInAnHour(at10InShanghai, false);
    const nightAtPeak = await queueCallsInAnHour(at4InShanghai, true);
    expect(night * 5).toBeLessThan(morning);
    expect(nightAtPeak * 2).toBeGreaterThan(morning);
  });

  it('takes --peak without a value', () => {
    expect(parseDemoPbxArgs(['--peak', '--agents', '5'])).toMatchObject({ isAlwaysPeak: true, agents: 5 });
    expect(parseDemoPbxArgs(['--agents', '5'])).not.toHaveProperty('isAlwaysPeak');
  });
});
