import { describe, expect, test } from 'vitest';
import { initialAgentSort, nextAgentSort, pausesLongestFirst } from '../../../renderer/src/domain/agent-sort';

describe('agent table sort', () => {
  test('the compact panel opens busiest first, the report by extension', () => {
    expect(initialAgentSort(true)).toEqual({ key: 'callsTaken', order: 'desc' });
    expect(initialAgentSort(false)).toEqual({ key: 'agent', order: 'asc' });
  });

  test('the same heading turns the order round, back and forth', () => {
    const once = nextAgentSort({ key: 'talkSum', order: 'desc' }, 'talkSum');
    expect(once).toEqual({ key: 'talkSum', order: 'asc' });
    expect(nextAgentSort(once, 'talkSum')).toEqual({ key: 'talkSum', order: 'desc' });
  });

  test('another heading starts figures biggest first and names A→Z, whatever the order before', () => {
    expect(nextAgentSort({ key: 'agent', order: 'asc' }, 'occupancy')).toEqual({ key: 'occupancy', order: 'desc' });
    expect(nextAgentSort({ key: 'occupancy', order: 'asc' }, 'agent')).toEqual({ key: 'agent', order: 'asc' });
    expect(nextAgentSort({ key: 'agent', order: 'desc' }, 'callsTaken')).toEqual({ key: 'callsTaken', order: 'desc' });
  });

  test('pause reasons come longest first, the reasonless one among them', () => {
    expect(pausesLongestFirst({ lunch: 600, '': 1_800, 'wrap-up': 60 })).toEqual([['', 1_800], ['lunch', 600], ['wrap-up', 60]]);
    expect(pausesLongestFirst({})).toEqual([]);
  });
});
