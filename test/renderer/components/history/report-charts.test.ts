import { describe, expect, test } from 'vitest';
import type { AgentStateRow } from '../../../../electron/core/contract';
import { agentChartLimit, agentStateChartHeight, agentStateOption } from '../../../../renderer/src/components/history/report-charts';

const theme = { text: '#000', muted: '#666', border: '#ddd' };
const t = (key: string) => key;
const login = (agent: string, seconds: number): AgentStateRow => ({ agent, kind: 'login', seconds, intervals: 1 });

describe('agent state chart', () => {
  test('every agent gets a labelled row, in extension order from the top, whatever its login time', () => {
    const option = agentStateOption([login('1000', 600), login('802', 7200), login('99', 60), { agent: '802', kind: 'talk', seconds: 300, intervals: 2 }], t, theme);
    expect(option.yAxis.data).toEqual(['99', '802', '1000']);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.yAxis.axisLabel.interval).toBe(0);
    // 802's talk (hours: 802 has two) lands on 802's row.
    const talk = option.series.find((series) => series.name === 'history.intervalKind.talk');
    expect(talk?.data).toEqual([0, 0.08, 0]);
  });

  test('the chart grows a row per agent up to its limit', () => {
    expect(agentStateChartHeight(3)).toBe(240);
    expect(agentStateChartHeight(40)).toBeGreaterThan(agentStateChartHeight(20));
    expect(agentStateChartHeight(5000)).toBe(agentStateChartHeight(agentChartLimit));
    const many = Array.from({ length: agentChartLimit + 30 }, (_, i) => login(String(800 + i), 60));
    expect(agentStateOption(many, t, theme).yAxis.data).toHaveLength(agentChartLimit);
  });
});
