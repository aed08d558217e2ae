import { describe, expect, test } from 'vitest';
import type { AgentStatus, AgentView } from '../../../renderer/src/stores';
import { filterAgents, type AgentFilter } from '../../../renderer/src/domain/agent-filter';

function agent(id: string, status: AgentStatus, extra: Partial<AgentView> = {}): AgentView {
  return { id, name: `Agent ${id}`, state: 'idle', status, statusSince: 0, isPaused: status === 'paused', queues: [], isRegistered: true, ...extra };
}

const agents = [
  agent('810', 'available', { queues: ['630'], statusSince: 3_000, name: '王五' }),
  agent('802', 'oncall', { queues: ['630', '631'], statusSince: 1_000, peerNumber: '0612000666', name: '张三' }),
  agent('9', 'paused', { queues: ['631'], statusSince: 2_000, pauseReason: 'Lunch', name: '李四' }),
  agent('801', 'ringing', { statusSince: 4_000, name: 'Zoe' }),
];
const none: AgentFilter = { search: '', queue: '', statuses: new Set(), sort: 'extension' };
const ids = (list: AgentView[]) => list.map((a) => a.id);

describe('filterAgents', () => {
  test('extension sort is numeric, not text', () => {
    expect(ids(filterAgents(agents, none))).toEqual(['9', '801', '802', '810']);
  });
  test('status sort puts who needs attention first: ringing, on call, …, paused', () => {
    expect(ids(filterAgents(agents, { ...none, sort: 'status' }))).toEqual(['801', '802', '810', '9']);
  });
  test('time sort: longest in state first', () => {
    expect(ids(filterAgents(agents, { ...none, sort: 'time' }))).toEqual(['802', '9', '810', '801']);
  });
  test('name sort uses Chinese (pinyin) collation: 李 < 王 < 张, then Latin', () => {
    expect(ids(filterAgents(agents, { ...none, sort: 'name' }))).toEqual(['9', '810', '802', '801']);
  });
  test('search matches extension, name, the other party and the pause reason', () => {
    expect(ids(filterAgents(agents, { ...none, search: '81' }))).toEqual(['810']);
    expect(ids(filterAgents(agents, { ...none, search: ' zoe ' }))).toEqual(['801']);
    expect(ids(filterAgents(agents, { ...none, search: '000666' }))).toEqual(['802']);
    expect(ids(filterAgents(agents, { ...none, search: 'lunch' }))).toEqual(['9']);
  });
  test('queue and status filters combine', () => {
    expect(ids(filterAgents(agents, { ...none, queue: '631' }))).toEqual(['9', '802']);
    expect(ids(filterAgents(agents, { ...none, queue: '631', statuses: new Set<AgentStatus>(['oncall']) }))).toEqual(['802']);
    expect(ids(filterAgents(agents, { ...none, statuses: new Set<AgentStatus>(['available', 'ringing']) }))).toEqual(['801', '810']);
  });
  test('the input list is not reordered', () => {
    const copy = [...agents];
    filterAgents(agents, { ...none, sort: 'status' });
    expect(agents).toEqual(copy);
  });
});
