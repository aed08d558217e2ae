import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../electron/core/contract';
import { lastKnownTime, liveClock, nextStaleSince, type LiveLinks } from '../../../renderer/src/domain/staleness';

const ami = (state: Connection['state'], since: number): Connection => ({ id: 'pbx', kind: 'ami', target: '10.0.0.5:5038', state, since });
const links = (patch: Partial<LiveLinks>): LiveLinks => ({ coreLink: { state: 'open', since: 1_000 }, connections: [ami('connected', 1_000)], hasSnapshot: true, ...patch });

describe('nextStaleSince', () => {
  it('is live while the core link is open and every feed is connected', () => {
    expect(nextStaleSince(undefined, links({}))).toBeUndefined();
  });

  it('goes stale when the PBX link is lost, connecting or resyncing, from the moment its state changed', () => {
    for (const state of ['lost', 'connecting', 'resyncing'] as const) {
      expect(nextStaleSince(undefined, links({ connections: [ami(state, 5_000)] }))).toBe(5_000);
    }
  });

  it('goes stale when the console loses the core, from the moment the link dropped', () => {
    expect(nextStaleSince(undefined, links({ coreLink: { state: 'closed', since: 7_000 } }))).toBe(7_000);
    expect(nextStaleSince(undefined, links({ coreLink: { state: 'connecting', since: 7_000 } }))).toBe(7_000);
  });

  it('keeps the first moment while the outage changes form, and clears when both links are back', () => {
    let since = nextStaleSince(undefined, links({ connections: [ami('lost', 5_000)] }));
    since = nextStaleSince(since, links({ connections: [ami('lost', 5_000)], coreLink: { state: 'closed', since: 9_000 } }));
    since = nextStaleSince(since, links({ connections: [ami('connecting', 12_000)], coreLink: { state: 'open', since: 11_000 } }));
    expect(since).toBe(5_000);
    expect(nextStaleSince(since, links({ connections: [ami('connected', 14_000)] }))).toBeUndefined();
  });

  it('takes the earliest of several links down at once', () => {
    const second: Connection = { ...ami('lost', 3_000), id: 'pbx2', kind: 'coocenter' };
    expect(nextStaleSince(undefined, links({ connections: [ami('lost', 5_000), second], coreLink: { state: 'closed', since: 8_000 } }))).toBe(3_000);
  });

  it('ignores links the live model is not read from, and anything before the first snapshot', () => {
    const receiver: Connection = { id: 'receiver', kind: 'receiver', target: '0.0.0.0:8090', state: 'lost', since: 2_000 };
    expect(nextStaleSince(undefined, links({ connections: [ami('connected', 1_000), receiver] }))).toBeUndefined();
    expect(nextStaleSince(undefined, links({ connections: [ami('disabled', 1_000)] }))).toBeUndefined();
    expect(nextStaleSince(undefined, links({ hasSnapshot: false, coreLink: { state: 'connecting', since: 1 } }))).toBeUndefined();
  });
});

describe('liveClock', () => {
  it('ticks with the real clock while live and stands still at the stale moment otherwise', () => {
    expect(liveClock(10_000, undefined)).toBe(10_000);
    expect(liveClock(10_000, 6_000)).toBe(6_000);
    expect(liveClock(11_000, 6_000)).toBe(6_000);
  });
  it('never runs ahead of the real clock when the link state carries a later time than the browser', () => {
    expect(liveClock(10_000, 12_000)).toBe(10_000);
  });
});

describe('lastKnownTime', () => {
  // 2026-03-05 02:03:04 UTC.
  const at = Date.UTC(2026, 2, 5, 2, 3, 4);
  it('is hh:mm:ss in the PBX zone, 24-hour, in either language', () => {
    expect(lastKnownTime(at, 'zh-CN', 'Asia/Shanghai')).toBe('10:03:04');
    expect(lastKnownTime(at, 'en', 'Asia/Shanghai')).toBe('10:03:04');
    expect(lastKnownTime(at, 'en', 'UTC')).toBe('02:03:04');
  });
});
