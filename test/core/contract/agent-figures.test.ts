import { describe, expect, it } from 'vitest';
import { agentFiguresOf, emptyAgentTally, occupancyOf, sortAgentFigures, type AgentTally } from '../../../electron/core/contract';

const tally = (agent: string, fields: Partial<AgentTally>): AgentTally => ({ ...emptyAgentTally(agent), ...fields });

describe('per-agent figures', () => {
  it('occupancy is handling time over staffed time, null when never staffed', () => {
    expect(occupancyOf(1800, 3600)).toBe(0.5);
    expect(occupancyOf(0, 3600)).toBe(0);
    expect(occupancyOf(120, 0)).toBeNull();
    // Calls handled while logged out of every queue are shown as they are, past 100 %.
    expect(occupancyOf(4000, 3600)).toBeCloseTo(4000 / 3600);
  });

  it('calls taken add queue answers, transfers received and direct calls; the wrap-up pause is work, other pauses are not staffed', () => {
    const figures = agentFiguresOf(tally('800', {
      queueAnswered: 5, queueCompleted: 4, transfersReceived: 2, direct: 1, talkSum: 900, holdSum: 60, wrapupSum: 300,
      loginSeconds: 8 * 3600, pauses: { lunch: 3600, break: 600, 'wrap-up': 300, '': 120 },
    }));
    expect(figures).toMatchObject({
      callsTaken: 8, handled: 7, handlingSeconds: 1200, pauseSeconds: 4320, staffedSeconds: 8 * 3600 - 4320,
    });
    expect(figures.ahtSeconds).toBeCloseTo(1200 / 7);
    expect(figures.occupancy).toBeCloseTo(1200 / (8 * 3600 - 4320));
  });

  it('an agent with no ended call has no AHT, and pauses longer than the login leave no negative staffed time', () => {
    const figures = agentFiguresOf(tally('801', { queueAnswered: 1, loginSeconds: 600, pauses: { lunch: 900 } }));
    expect(figures).toMatchObject({ callsTaken: 1, handled: 0, ahtSeconds: null, staffedSeconds: 0, occupancy: null });
  });

  it('sorts by any column both ways, nulls last and ties in extension order', () => {
    const rows = [
      agentFiguresOf(tally('810', { queueAnswered: 3, queueCompleted: 3, talkSum: 300, loginSeconds: 3600 })),
      agentFiguresOf(tally('99', { queueAnswered: 3 })),
      agentFiguresOf(tally('802', { direct: 1, talkSum: 30, loginSeconds: 600 })),
    ];
    expect(sortAgentFigures(rows, 'agent', 'asc').map((r) => r.agent)).toEqual(['99', '802', '810']);
    expect(sortAgentFigures(rows, 'callsTaken', 'desc').map((r) => r.agent)).toEqual(['99', '810', '802']);
    expect(sortAgentFigures(rows, 'callsTaken', 'asc').map((r) => r.agent)).toEqual(['802', '99', '810']);
    expect(sortAgentFigures(rows, 'ahtSeconds', 'desc').map((r) => r.agent)).toEqual(['810', '802', '99']);
    expect(sortAgentFigures(rows, 'ahtSeconds', 'asc').map((r) => r.agent)).toEqual(['802', '810', '99']);
  });
});
