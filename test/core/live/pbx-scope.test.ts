import { describe, expect, it } from 'vitest';
import { LiveModel } from '../../../electron/core/live/model';
import { localAttempt, qualifyAttempt } from '../../../electron/core/live/pbx-qualify';
import { scopePbx } from '../../../electron/core/live/pbx-scope';
import type { LiveUpdate, QueueAttempt } from '../../../electron/core/contract';
import { call, caller, extension, member, queue, testNow } from '../../support/live-model';

// Each PBX's own model copied into the shared one with the PBX's prefix; one PBX's resync
// replaces only its own entries.

function twoPbxs() {
  const shared = new LiveModel(() => testNow);
  const updates: LiveUpdate[] = [];
  shared.subscribe((update) => updates.push(update));
  return { shared, updates, bj: scopePbx(shared, 'bj'), sh: scopePbx(shared, 'sh') };
}

describe('scopePbx', () => {
  it('copies every change with the PBX prefix on ids, never on channels or interfaces', () => {
    const { shared, sh } = twoPbxs();
    sh.model.putExtension(extension('800', { device: 'SIP/800' }));
    sh.model.putQueue(queue('630', [member('800')], [caller('1733.7')]));
    sh.model.putCall(call('1733.7', { agent: '800', ringingAgents: ['801'], queue: '630', channels: ['SIP/carrier-0001', 'SIP/800-0002'] }));

    expect(shared.extensions.get('sh:800')).toMatchObject({ id: 'sh:800', pbx: 'sh', device: 'SIP/800' });
    const q = shared.queues.get('sh:630')!;
    expect([q.pbx, q.members[0]!.extension, q.members[0]!.interface, q.callers[0]!.callId, q.callers[0]!.channel])
      .toEqual(['sh', 'sh:800', 'PJSIP/800', 'sh:1733.7', 'PJSIP/carrier-1733.7']);
    expect(shared.calls.get('sh:1733.7')).toMatchObject({ agent: 'sh:800', ringingAgents: ['sh:801'], queue: 'sh:630', channels: ['SIP/carrier-0001', 'SIP/800-0002'] });

    sh.model.endCall('1733.7', testNow + 5_000);
    expect(shared.calls.has('sh:1733.7')).toBe(false);
  });

  it('replaces only its own PBX on a resync: the other PBX\'s calls go on', () => {
    const { shared, updates, bj, sh } = twoPbxs();
    bj.model.putExtension(extension('800'));
    bj.model.putCall(call('1.1', { agent: '800' }));
    sh.model.putExtension(extension('800'));
    sh.model.putExtension(extension('801'));
    sh.model.putCall(call('1.1', { agent: '800' }));
    updates.length = 0;

    // sh reconnected: 801 is gone, its call ended while we were away, a new call runs.
    sh.model.reset({ extensions: [extension('800')], calls: [call('2.5', { agent: '800' })], queues: [] });

    expect([...shared.extensions.keys()].sort()).toEqual(['bj:800', 'sh:800']);
    expect([...shared.calls.keys()].sort()).toEqual(['bj:1.1', 'sh:2.5']);
    expect(updates.some((update) => update.kind === 'reset')).toBe(false);
    expect(updates.filter((update) => update.kind === 'callEnded').map((update) => update.kind === 'callEnded' && update.call.id)).toEqual(['sh:1.1']);
  });

  it('names the PBX in a bound\'s notice, one per PBX', () => {
    const { shared, bj, sh } = twoPbxs();
    const notice = { id: 'live_channels_capped', level: 'warning' as const, code: 'live_channels_capped' as const, params: { limit: '10' }, message: 'too many channels', at: testNow };
    bj.model.putNotice(notice);
    sh.model.putNotice(notice);
    expect([...shared.notices.values()].map((n) => [n.id, n.params.pbx, n.message])).toEqual([
      ['bj:live_channels_capped', 'bj', 'PBX bj: too many channels'],
      ['sh:live_channels_capped', 'sh', 'PBX sh: too many channels'],
    ]);
    sh.model.removeNotice('live_channels_capped');
    expect([...shared.notices.keys()]).toEqual(['bj:live_channels_capped']);
  });

  it('stops copying once stopped', () => {
    const { shared, sh } = twoPbxs();
    sh.stop();
    sh.model.putExtension(extension('800'));
    expect(shared.extensions.size).toBe(0);
  });
});

describe('queue passes across a restart', () => {
  it('goes back to each PBX its own open passes, in its own ids', () => {
    const pass: QueueAttempt = { callId: '1733.7', seq: 0, queue: '630', enteredAt: testNow, callerNum: '138', outcome: 'connected', agent: '800', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami' };
    const stored = qualifyAttempt('sh', pass);
    expect([stored.callId, stored.queue, stored.agent]).toEqual(['sh:1733.7', 'sh:630', 'sh:800']);
    expect(localAttempt('sh', stored)).toEqual(pass);
    expect(localAttempt('bj', stored)).toBeUndefined();
  });
});
