import { describe, expect, it } from 'vitest';
import { actionFail, actionOk, type BlacklistEntry, type PbxActions } from '../../../electron/core/actions/backend';
import { routeByPbx } from '../../../electron/core/actions/pbx-router';

// Which PBX a request reaches and with which ids: each PBX here records what it was asked.

function recordingPbx(blacklist: BlacklistEntry[] = [], connected = true) {
  const asked: Array<[string, unknown]> = [];
  const ok = (name: string) => async (request: unknown) => {
    asked.push([name, request]);
    return actionOk();
  };
  const actions: PbxActions = {
    kind: 'ami',
    isConnected: () => connected,
    canRedirect: true,
    pause: ok('pause'), queueLogin: ok('queueLogin'), queueLogout: ok('queueLogout'), spy: ok('spy'), spyMode: ok('spyMode'),
    transfer: ok('transfer'), redirect: ok('redirect'), hangup: ok('hangup'),
    dial: async (request) => {
      asked.push(['dial', request]);
      return actionOk({});
    },
    blacklistList: async () => actionOk(blacklist),
    blacklistAdd: ok('blacklistAdd'), blacklistRemove: ok('blacklistRemove'), blacklistSetNote: ok('blacklistSetNote'),
    recording: async (file) => actionFail('not_found', `no ${file}`),
  };
  return { actions, asked };
}

const entry = (number: string, note: string): BlacklistEntry => ({ number, note });

describe('routeByPbx', () => {
  it('sends each request to the PBX its ids name, with that PBX\'s own ids', async () => {
    const bj = recordingPbx();
    const sh = recordingPbx();
    const router = routeByPbx(new Map([['bj', bj.actions], ['sh', sh.actions]]));
    await router.pause({ extension: 'sh:800', device: 'SIP/800', isPaused: true, memberQueues: ['sh:630', 'sh:631'], queue: 'sh:630' });
    await router.hangup({ callId: 'sh:1733.7', extension: 'sh:800', channel: 'SIP/800-0002' });
    await router.redirect({ callId: 'bj:9.1', channel: 'SIP/carrier-0001', destination: 'bj:802' });
    await router.transfer({ leg: { callId: 'bj:9.2', channel: 'SIP/801-0003' }, destination: '13800138000', kind: 'blind' });
    expect(sh.asked).toEqual([
      ['pause', { extension: '800', device: 'SIP/800', isPaused: true, memberQueues: ['630', '631'], queue: '630' }],
      ['hangup', { callId: '1733.7', extension: '800', channel: 'SIP/800-0002' }],
    ]);
    expect(bj.asked).toEqual([
      ['redirect', { callId: '9.1', channel: 'SIP/carrier-0001', destination: '802' }],
      ['transfer', { leg: { callId: '9.2', channel: 'SIP/801-0003' }, destination: '13800138000', kind: 'blind' }],
    ]);
  });

  it('refuses ids without their PBX, targets on two PBXs, and a PBX that is down', async () => {
    const bj = recordingPbx();
    const sh = recordingPbx([], false);
    const router = routeByPbx(new Map([['bj', bj.actions], ['sh', sh.actions]]));
    expect(await router.dial({ sourceExtension: '800', sourceDevice: 'SIP/800', destination: '123' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/say which PBX/) } });
    expect(await router.spy({ supervisorExtension: 'bj:805', supervisorDevice: 'SIP/805', targetExtension: 'sh:800', targetDevice: 'SIP/800', mode: 'listen' }))
      .toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/different PBXs/) } });
    expect(await router.redirect({ callId: 'bj:9.1', channel: 'SIP/carrier-0001', destination: 'sh:802' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await router.queueLogout({ extension: 'sh:800', device: 'SIP/800', queue: 'sh:630' })).toMatchObject({ ok: false, error: { code: 'disconnected', message: 'PBX sh is not connected' } });
    expect([bj.asked, sh.asked]).toEqual([[], []]);
    expect(router.isConnected()).toBe(true);
  });

  it('keeps one blacklist for the group: the union is listed, a change reaches every PBX', async () => {
    const bj = recordingPbx([entry('111', 'spam'), entry('222', 'bj note')]);
    const sh = recordingPbx([entry('222', 'sh note'), entry('333', 'fraud')]);
    const router = routeByPbx(new Map([['bj', bj.actions], ['sh', sh.actions]]));
    expect(await router.blacklistList()).toEqual({ ok: true, value: [entry('111', 'spam'), entry('222', 'bj note'), entry('333', 'fraud')] });
    await router.blacklistAdd({ number: '444', note: 'new', who: 'test', at: 1 });
    expect([bj.asked, sh.asked]).toEqual([[['blacklistAdd', { number: '444', note: 'new', who: 'test', at: 1 }]], [['blacklistAdd', { number: '444', note: 'new', who: 'test', at: 1 }]]]);
  });
});
