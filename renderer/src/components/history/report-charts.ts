import { missCauseKeys, type AgentIntervalKind, type AgentStateRow, type HeatmapCell } from '@contract';
import type { ReportPoint } from './report-points';

// ECharts options of the report page. Colours are fixed hues that read on both themes
// and stay apart for common colour-vision deficiencies; every series also has a
// legend label and a table under the chart, so colour is never the only cue.

type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
}

export const outcomeColours: Record<string, string> = {
  answered: '#16a34a',
  NO_ASSIGN: '#f59e0b',
  NO_AGENT_ANSWER: '#dc2626',
  NO_AGENT_LOGIN: '#7c3aed',
  MEMBER_CANCEL: '#db2777',
  other: '#94a3b8',
};

export const stateColours: Record<AgentIntervalKind, string> = {
  talk: '#1d4ed8',
  ring: '#ea580c',
  wrapup: '#0891b2',
  pause: '#9333ea',
  login: '#475569',
};

function axes(theme: ChartTheme) {
  const axisLabel = { color: theme.muted, fontSize: 12 };
  return {
    category: { axisLabel, axisLine: { lineStyle: { color: theme.border } }, axisTick: { show: false } },
    value: { axisLabel, splitLine: { lineStyle: { color: theme.border } } },
    legend: { top: 0, textStyle: { color: theme.text, fontSize: 12 }, itemWidth: 14, itemHeight: 10 },
  };
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Offered calls as stacked bars: answered, then each missCause of the abandoned. */
export function volumeOption(points: ReportPoint[], t: Translate, theme: ChartTheme) {
  const a = axes(theme);
  const stack = (name: string, colour: string, data: number[]) => ({ name, type: 'bar', stack: 'offered', color: colour, barMaxWidth: 36, emphasis: { focus: 'series' }, data });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: a.legend,
    grid: { left: 44, right: 16, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: points.map((p) => p.label), ...a.category, axisLabel: { ...a.category.axisLabel, rotate: points.length > 12 ? 35 : 0 } },
    yAxis: { type: 'value', minInterval: 1, ...a.value },
    series: [
      stack(t('figures.answered'), outcomeColours.answered!, points.map((p) => p.answered)),
      ...missCauseKeys.map((cause) => stack(t(`reports.miss.${cause}`), outcomeColours[cause]!, points.map((p) => p.missCauses[cause]))),
    ],
  };
}

/** Service level % (line, right axis) against ASA and AHT (bars, seconds); `slLabel` names the threshold. */
export function serviceOption(points: ReportPoint[], slLabel: string, t: Translate, theme: ChartTheme) {
  const a = axes(theme);
  return {
    tooltip: { trigger: 'axis' },
    legend: a.legend,
    grid: { left: 48, right: 52, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: points.map((p) => p.label), ...a.category, axisLabel: { ...a.category.axisLabel, rotate: points.length > 12 ? 35 : 0 } },
    yAxis: [
      { type: 'value', name: t('reports.seconds'), nameTextStyle: { color: theme.muted }, ...a.value },
      { type: 'value', name: '%', min: 0, max: 100, nameTextStyle: { color: theme.muted }, axisLabel: a.value.axisLabel, splitLine: { show: false } },
    ],
    series: [
      { name: t('figures.asa'), type: 'bar', color: '#0ea5e9', barMaxWidth: 24, data: points.map((p) => round1(p.asaSeconds)) },
      { name: t('figures.att'), type: 'bar', color: '#a78bfa', barMaxWidth: 24, data: points.map((p) => round1(p.attSeconds)) },
      { name: t('figures.aht'), type: 'bar', color: '#6366f1', barMaxWidth: 24, data: points.map((p) => round1(p.ahtSeconds)) },
      {
        name: slLabel,
        type: 'line', yAxisIndex: 1, color: '#16a34a', symbolSize: 7, lineStyle: { width: 3 }, connectNulls: true,
        data: points.map((p) => round1(p.serviceLevel === null ? null : p.serviceLevel * 100)),
      },
    ],
  };
}

/** Most agents the state chart draws, one labelled row each; the table under it lists every one. */
export const agentChartLimit = 120;
const agentRowPixels = 22;

/** Seconds per agent and state, agents in extension order ("99" before "800" before "1000"). */
export function agentStateTotals(rows: AgentStateRow[]): [string, Record<AgentIntervalKind, number>][] {
  const byAgent = new Map<string, Record<AgentIntervalKind, number>>();
  for (const row of rows) {
    const entry = byAgent.get(row.agent) ?? { login: 0, pause: 0, talk: 0, ring: 0, wrapup: 0 };
    entry[row.kind] += row.seconds;
    byAgent.set(row.agent, entry);
  }
  return [...byAgent].sort((x, y) => x[0].localeCompare(y[0], undefined, { numeric: true }));
}

/** Height that gives each drawn agent its own labelled row. */
export function agentStateChartHeight(agentCount: number): number {
  return Math.max(240, Math.min(agentCount, agentChartLimit) * agentRowPixels + 80);
}

/** Hours per agent and state, stacked, every agent labelled from the top down; the whole logged-in time as a marker beside them. */
export function agentStateOption(rows: AgentStateRow[], t: Translate, theme: ChartTheme) {
  const a = axes(theme);
  const agents = agentStateTotals(rows).slice(0, agentChartLimit);
  // Hours for a shift's worth of data, minutes for a short range (a fresh cache, one hour).
  const longest = Math.max(0, ...agents.map(([, seconds]) => Math.max(seconds.login, seconds.talk + seconds.ring + seconds.wrapup + seconds.pause)));
  const unit = longest >= 2 * 3600 ? 3600 : 60;
  const scaled = (seconds: number) => Math.round((seconds / unit) * 100) / 100;
  const kinds: AgentIntervalKind[] = ['talk', 'ring', 'wrapup', 'pause'];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: a.legend,
    grid: { left: 64, right: 24, top: 40, bottom: 28 },
    xAxis: { type: 'value', name: t(unit === 3600 ? 'reports.hours' : 'reports.minutes'), nameTextStyle: { color: theme.muted }, ...a.value },
    // interval 0: ECharts would otherwise skip every other label once rows get close.
    yAxis: { type: 'category', inverse: true, data: agents.map(([agent]) => agent), ...a.category, axisLabel: { ...a.category.axisLabel, interval: 0 } },
    series: [
      ...kinds.map((kind) => ({
        name: t(`history.intervalKind.${kind}`), type: 'bar', stack: 'state', color: stateColours[kind], barMaxWidth: 18,
        data: agents.map(([, seconds]) => scaled(seconds[kind])),
      })),
      { name: t('history.intervalKind.login'), type: 'scatter', symbol: 'diamond', symbolSize: 11, color: stateColours.login, data: agents.map(([, seconds]) => scaled(seconds.login)) },
    ],
  };
}

/** Offered calls by local weekday × hour of day. */
export function heatmapOption(cells: HeatmapCell[], t: Translate, theme: ChartTheme) {
  const a = axes(theme);
  const weekdays = Array.from({ length: 7 }, (_, day) => t(`reports.weekday.${day}`));
  const max = Math.max(1, ...cells.map((cell) => cell.offered));
  return {
    tooltip: { position: 'top' },
    grid: { left: 56, right: 16, top: 12, bottom: 84 },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')), splitArea: { show: true }, ...a.category },
    yAxis: { type: 'category', data: weekdays, inverse: true, splitArea: { show: true }, ...a.category },
    visualMap: {
      min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160,
      textStyle: { color: theme.muted }, inRange: { color: ['#eff6ff', '#93c5fd', '#2563eb', '#1e3a8a'] },
    },
    series: [{
      name: t('reports.offered'), type: 'heatmap', label: { show: true, fontSize: 10, color: '#ffffff', textBorderColor: '#1e293b', textBorderWidth: 2, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') },
      data: cells.map((cell) => [cell.hour, cell.weekday, cell.offered]),
    }],
  };
}
