import { describe, expect, it } from 'vitest';
import {
  blockedReasonKey, ivrStepLabel, moveChoices, pickUpChoices, previousCallEnd, type AgentChoice,
} from '../../../renderer/src/domain/waiting-caller';

const agent = (id: string, status: AgentChoice['status'], more: Partial<AgentChoice> = {}): AgentChoice => ({
  id, name: `Agent ${id}`, status, isRegistered: true, isBusy: false, ...more,
});

describe('waiting caller panel', () => {
  it('words an earlier call by how it ended: answered (also after leaving the queue), abandoned, let go by the queue, or not answered', () => {
    expect(previousCallEnd({ isAnswered: true, queueOutcome: 'answered' })).toBe('answered');
    expect(previousCallEnd({ isAnswered: true, queueOutcome: 'abandoned' })).toBe('answered');
    expect(previousCallEnd({ isAnswered: false, queueOutcome: 'abandoned' })).toBe('abandoned');
    expect(previousCallEnd({ isAnswered: false, queueOutcome: 'exitwithtimeout' })).toBe('exited');
    expect(previousCallEnd({ isAnswered: false, queueOutcome: 'withdraw' })).toBe('exited');
    expect(previousCallEnd({ isAnswered: false })).toBe('unanswered');
  });

  it('offers free phones only, available agents before paused ones, by extension number', () => {
    const choices = pickUpChoices([
      agent('810', 'available'), agent('809', 'paused'), agent('802', 'available'),
      agent('803', 'oncall'), agent('804', 'ringing'), agent('805', 'offline', { isRegistered: false }),
      agent('806', 'available', { isBusy: true }), agent('807', 'unknown'),
    ]);
    expect(choices.map((a) => a.id)).toEqual(['802', '810', '809']);
  });

  it('moves to every other queue, in number order', () => {
    expect(moveChoices(['632', '630', '1000', '631'], '630')).toEqual(['631', '632', '1000']);
    expect(moveChoices(['630'], '630')).toEqual([]);
  });

  it('names an IVR node by its name and id, or its id alone', () => {
    expect(ivrStepLabel({ ivrId: '610', ivrName: 'main' })).toBe('main (610)');
    expect(ivrStepLabel({ ivrId: '610' })).toBe('610');
    expect(ivrStepLabel({ ivrId: '610', ivrName: '610' })).toBe('610');
  });

  it('says why the actions are disabled: read-only session, the vendor API, no PBX link', () => {
    expect(blockedReasonKey(undefined, true)).toBeUndefined();
    expect(blockedReasonKey('unsupported', true)).toBe('waiting.blocked.unsupported');
    expect(blockedReasonKey('disconnected', true)).toBe('waiting.blocked.disconnected');
    expect(blockedReasonKey(undefined, false)).toBe('waiting.blocked.readOnly');
  });
});
