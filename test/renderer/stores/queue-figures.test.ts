import { describe, expect, test } from 'vitest';
import type { Call, ExtensionState, Queue, QueueMember } from '../../../electron/core/contract';
import { figuresOf } from '../../../renderer/src/stores/queue-figures';

function member(extension: string, state: ExtensionState, extra: Partial<QueueMember> = {}): QueueMember {
  return { interface: `SIP/${extension}`, extension, name: `Agent ${extension}`, penalty: 0, isPaused: false, state, isInCall: false, callsTaken: 0, membership: 'static', ...extra };
}

function queue(name: string, members: QueueMember[], extra: Partial<Queue> = {}): Queue {
  return {
    name, serviceLevelSeconds: 20, members, callers: [],
    today: { day: '2026-03-01', offered: 0, answered: 0, abandoned: 0, answeredWithinSl: 0, talkSeconds: 0, answeredWaitSeconds: 0, holdSeconds: 0 },
    ...extra,
  };
}

const call = (id: string, queueName?: string): Call => ({ id, direction: 'inbound', state: 'talking', callerNum: '061', calledNum: '020', holdSeconds: 0, channels: [], startedAt: 0, ...(queueName ? { queue: queueName } : {}) });

describe('figuresOf', () => {
  test('agent buckets: offline is logged out; in call beats paused; ringing; paused; available', () => {
    const q = queue('630', [
      member('800', 'idle'),
      member('801', 'inuse'),
      member('802', 'idle', { isPaused: true }),
      member('803', 'ringing'),
      member('804', 'unavailable', { isPaused: true }),
      member('805', 'idle', { isPaused: true, isInCall: true }),
      member('806', 'onhold'),
    ]);
    const figures = figuresOf('630', [q], []);
    expect(figures).toMatchObject({ available: 1, onCall: 3, paused: 1, ringing: 1, loggedOut: 1, staffed: 6 });
  });

  test('an agent in several queues counts once, in its busiest state', () => {
    const a = queue('630', [member('800', 'idle', { isPaused: true }), member('801', 'idle')]);
    const b = queue('631', [member('800', 'ringing'), member('801', 'idle')]);
    const figures = figuresOf('all', [a, b], []);
    expect(figures).toMatchObject({ ringing: 1, available: 1, paused: 0, staffed: 2 });
  });

  test('waiting callers, the oldest join time, and active calls of these queues only', () => {
    const a = queue('630', [], { callers: [
      { callId: 'c1', channel: 'SIP/x-1', callerNum: '1', position: 1, joinedAt: 5_000 },
      { callId: 'c2', channel: 'SIP/x-2', callerNum: '2', position: 2, joinedAt: 9_000 },
    ] });
    const b = queue('631', [], { callers: [{ callId: 'c3', channel: 'SIP/x-3', callerNum: '3', position: 1, joinedAt: 3_000 }] });
    const figures = figuresOf('all', [a, b], [call('x', '630'), call('y', '632'), call('z')]);
    expect(figures).toMatchObject({ waiting: 3, oldestJoinedAt: 3_000, activeCalls: 1 });
    expect(figuresOf('630', [a], []).oldestJoinedAt).toBe(5_000);
  });

  test('day counters are summed; SL, ASA, AHT and abandon rate are ratios of the sums', () => {
    const a = queue('630', [], { today: { day: '2026-03-01', offered: 10, answered: 8, abandoned: 2, answeredWithinSl: 6, talkSeconds: 800, answeredWaitSeconds: 80, holdSeconds: 0 } });
    const b = queue('631', [], { serviceLevelSeconds: 30, today: { day: '2026-03-01', offered: 10, answered: 2, abandoned: 8, answeredWithinSl: 2, talkSeconds: 200, answeredWaitSeconds: 20, holdSeconds: 0 } });
    const figures = figuresOf('all', [a, b], []);
    expect(figures).toMatchObject({ offered: 20, answered: 10, abandoned: 10, serviceLevel: 80, asa: 10, aht: 100, abandonRate: 50, serviceLevelSeconds: 30 });
    expect(figuresOf('630', [a], []).serviceLevelSeconds).toBe(20);
  });

  test('no answered calls: SL, ASA and AHT are unknown, not zero', () => {
    const figures = figuresOf('630', [queue('630', [])], []);
    expect(figures.serviceLevel).toBeUndefined();
    expect(figures.asa).toBeUndefined();
    expect(figures.aht).toBeUndefined();
    expect(figures.abandonRate).toBeUndefined();
  });
});
