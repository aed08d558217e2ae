import { describe, expect, test } from 'vitest';
import {
  actionForKey, agentActions, callActions, destructiveActions, type AgentActionSubject,
} from '../../../../renderer/src/components/actions/agent-actions';

const idleMember: AgentActionSubject = { status: 'available', isPaused: false, queues: ['630'], hasCall: false };
const act = { role: 'act' as const, queueCount: 3 };

describe('agentActions', () => {
  test('a read-only session gets no action at all, whatever the agent does', () => {
    for (const agent of [idleMember, { ...idleMember, hasCall: true, status: 'oncall' as const }, { ...idleMember, isPaused: true, status: 'paused' as const }]) {
      expect(agentActions(agent, { role: 'read', queueCount: 3 })).toEqual([]);
    }
  });

  test('an idle queue member: pause, dial, login to other queues, logout; nothing that needs a call', () => {
    expect(agentActions(idleMember, act)).toEqual(['pause', 'dial', 'queueLogin', 'queueLogout']);
  });

  test('a paused member can be unpaused (and re-paused with another reason)', () => {
    const offered = agentActions({ ...idleMember, status: 'paused', isPaused: true, pauseReason: 'lunch' }, act);
    expect(offered).toContain('unpause');
    expect(offered).toContain('pause');
    expect(offered).not.toContain('endWrapup');
  });

  test('wrap-up: by the active wrap-up list or by the wrap-up reason code', () => {
    expect(agentActions({ ...idleMember, status: 'paused', isPaused: true, pauseReason: 'wrap-up' }, act)).toContain('endWrapup');
    expect(agentActions({ ...idleMember, isInWrapup: true }, act)).toContain('endWrapup');
  });

  test('an agent in a call: spy in three modes, transfer, hangup; no dial', () => {
    const offered = agentActions({ ...idleMember, status: 'oncall', hasCall: true }, act);
    expect(offered).toEqual(expect.arrayContaining(['listen', 'whisper', 'barge', 'transfer', 'hangup']));
    expect(offered).not.toContain('dial');
  });

  test('a non-member: no pause or logout; login only while some queue exists', () => {
    const outsider = { ...idleMember, queues: [] };
    expect(agentActions(outsider, act)).toEqual(['dial', 'queueLogin']);
    expect(agentActions(outsider, { role: 'act', queueCount: 0 })).toEqual(['dial']);
  });

  test('a member of every queue is not offered login; an offline phone is not offered dial', () => {
    expect(agentActions({ ...idleMember, queues: ['630', '631', '632'] }, act)).not.toContain('queueLogin');
    expect(agentActions({ ...idleMember, status: 'offline' }, act)).not.toContain('dial');
  });

  test('hangup, barge and logout are the ones that confirm', () => {
    expect([...destructiveActions].sort()).toEqual(['barge', 'hangup', 'queueLogout']);
  });
});

describe('callActions', () => {
  test('spy needs an answering agent; transfer and hangup are always there while the call lives', () => {
    expect(callActions({ state: 'talking', agent: '801' }, 'act')).toEqual(['listen', 'whisper', 'barge', 'transfer', 'hangup']);
    expect(callActions({ state: 'hold', agent: '801' }, 'act')).toContain('listen');
    expect(callActions({ state: 'queued' }, 'act')).toEqual(['transfer', 'hangup']);
    expect(callActions({ state: 'ringing', agent: '801' }, 'act')).toEqual(['transfer', 'hangup']);
  });

  test('nothing for an ended call or a read-only session', () => {
    expect(callActions({ state: 'ended', agent: '801' }, 'act')).toEqual([]);
    expect(callActions({ state: 'talking', agent: '801' }, 'read')).toEqual([]);
  });
});

describe('actionForKey', () => {
  test('P pauses an unpaused agent and unpauses a paused one', () => {
    expect(actionForKey('p', ['pause', 'dial'])).toBe('pause');
    expect(actionForKey('P', ['pause', 'unpause'])).toBe('unpause');
  });

  test('a key whose action is not offered does nothing', () => {
    expect(actionForKey('h', ['pause', 'dial'])).toBeUndefined();
    expect(actionForKey('l', [])).toBeUndefined();
    expect(actionForKey('x', ['pause'])).toBeUndefined();
  });

  test('H hangs up, L listens when in a call', () => {
    const inCall = agentActions({ ...idleMember, status: 'oncall', hasCall: true }, act);
    expect(actionForKey('h', inCall)).toBe('hangup');
    expect(actionForKey('l', inCall)).toBe('listen');
  });
});
