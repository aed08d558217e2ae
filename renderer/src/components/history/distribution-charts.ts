import type { WaitBand } from '@contract';
import type { ChartTheme } from './report-charts';

// The answer-time and abandon-time distribution as bars per band of queue wait. The bands and
// their counts are the core's (contract/figures.ts waitBandsOf); this only draws them.

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** "≤ 10 s", "11–20 s" … "> 120 s": waits are whole seconds, so a band (a, b] is a+1…b. */
export function bandLabel(bands: readonly WaitBand[], index: number, t: Translate): string {
  const band = bands[index]!;
  const previous = index === 0 ? undefined : bands[index - 1]!.upTo;
  if (band.upTo === null) return t('distributions.bandBeyond', { from: previous ?? 0 });
  if (previous === undefined || previous === null) return t('distributions.bandFirst', { to: band.upTo });
  return t('distributions.band', { from: previous + 1, to: band.upTo });
}

export function distributionOption(bands: readonly WaitBand[], t: Translate, theme: ChartTheme) {
  const axisLabel = { color: theme.muted, fontSize: 12 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: theme.text, fontSize: 12 }, itemWidth: 14, itemHeight: 10 },
    grid: { left: 44, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: bands.map((_, index) => bandLabel(bands, index, t)), axisLabel, axisLine: { lineStyle: { color: theme.border } }, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel, splitLine: { lineStyle: { color: theme.border } } },
    series: [
      { name: t('figures.answered'), type: 'bar', color: '#16a34a', barMaxWidth: 32, data: bands.map((band) => band.answered) },
      { name: t('figures.abandoned'), type: 'bar', color: '#dc2626', barMaxWidth: 32, data: bands.map((band) => band.abandoned) },
    ],
  };
}
