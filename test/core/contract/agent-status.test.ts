import { describe, expect, test } from 'vitest';
import type { ExtensionState } from '../../../electron/core/contract';
import { agentStatusOf, agentStatuses, carriesCall, statusOfExtensionState, statusSinceOf } from '../../../electron/core/contract/agent-status';

describe('statusOfExtensionState', () => {
  test('every Asterisk hint state folds into one supervisor status', () => {
    const expected: Record<ExtensionState, string> = {
      idle: 'available', ringing: 'ringing', ringinuse: 'ringing', inuse: 'oncall', busy: 'oncall',
      onhold: 'hold', inuse_onhold: 'hold', unavailable: 'offline', unknown: 'unknown',
    };
    for (const [state, status] of Object.entries(expected)) {
      expect(statusOfExtensionState(state as ExtensionState)).toBe(status);
      expect(agentStatuses).toContain(status);
    }
  });
});

describe('agentStatusOf', () => {
  test('a paused idle (or unknown) agent is paused', () => {
    expect(agentStatusOf('idle', true)).toBe('paused');
    expect(agentStatusOf('unknown', true)).toBe('paused');
  });
  test('a paused agent still on a call, ringing or offline keeps that status', () => {
    expect(agentStatusOf('inuse', true)).toBe('oncall');
    expect(agentStatusOf('ringing', true)).toBe('ringing');
    expect(agentStatusOf('onhold', true)).toBe('hold');
    expect(agentStatusOf('unavailable', true)).toBe('offline');
  });
  test('unpaused is the hint state', () => {
    expect(agentStatusOf('idle', false)).toBe('available');
  });
});

describe('statusSinceOf', () => {
  const idleSince = 1_000;
  test('a paused agent is timed from the start of its pause', () => {
    expect(statusSinceOf('paused', idleSince, [{ isPaused: false }, { isPaused: true, pausedSince: 5_000 }])).toBe(5_000);
  });
  test('after an unpause the time restarts there, not at the phone\'s idle time', () => {
    expect(statusSinceOf('available', idleSince, [{ isPaused: false, unpausedAt: 9_000 }, { isPaused: false, unpausedAt: 7_000 }])).toBe(9_000);
  });
  test('a phone state newer than the unpause (a call since) is the start', () => {
    expect(statusSinceOf('oncall', 12_000, [{ isPaused: false, unpausedAt: 9_000 }])).toBe(12_000);
    expect(statusSinceOf('available', idleSince, [])).toBe(idleSince);
  });
});

describe('carriesCall', () => {
  test('in use, busy, on hold and in use with a second call ringing carry a call; ringing alone does not', () => {
    const carrying: ExtensionState[] = ['inuse', 'busy', 'onhold', 'inuse_onhold', 'ringinuse'];
    const free: ExtensionState[] = ['idle', 'ringing', 'unavailable', 'unknown'];
    for (const state of carrying) expect(carriesCall(state)).toBe(true);
    for (const state of free) expect(carriesCall(state)).toBe(false);
  });
});
