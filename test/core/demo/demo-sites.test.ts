import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../electron/core/config/config';
import { startDemoPbxFor, type DemoPbx } from '../../../electron/core/demo';

// `callboard demo --pbxs 2`: sites of one group, with the same extensions and queues.

const started: DemoPbx[] = [];
afterAll(() => Promise.all(started.map((pbx) => pbx.close())));

describe('startDemoPbxFor with several PBXs', () => {
  it('names the sites, points one AMI connection at each and pushes nothing (a push carries no PBX)', async () => {
    const base = { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-demo-sites-'))), receiver: { host: '127.0.0.1', port: 18_999 } };
    const { pbxs, config } = await startDemoPbxFor(base, { agents: 4, speed: 0, pbxs: 2 });
    started.push(...pbxs);
    expect(config.ami.map((target) => [target.id, target.port])).toEqual([['bj', pbxs[0]!.amiPort], ['sh', pbxs[1]!.amiPort]]);
    for (const pbx of pbxs) {
      pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 1_000, talkMs: 2_000 });
      for (let i = 0; i < 5; i++) pbx.step(1_000);
      expect(pbx.stats()).toMatchObject({ pushesDelivered: 0, pushesPending: 0, pushesDropped: 0 });
      expect(pbx.stats().amiEvents).toBeGreaterThan(0);
    }
  });

  it('keeps a single PBX as before: named demo, pushing to the receiver', async () => {
    const base = { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-demo-one-'))), receiver: false as const };
    const { pbxs, config } = await startDemoPbxFor(base, { agents: 4, speed: 0 });
    started.push(...pbxs);
    expect([pbxs.length, config.ami.map((target) => target.id)]).toEqual([1, ['demo']]);
  });
});
