import { describe, expect, test } from 'vitest';
import { waitBandsOf } from '../../../../electron/core/contract';
import { bandLabel, distributionOption } from '../../../../renderer/src/components/history/distribution-charts';

const theme = { text: '#000', muted: '#666', border: '#ddd' };
const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('answer and abandon time chart', () => {
  const bands = waitBandsOf({ answered: 6, abandoned: 2, answeredWithin: [1, 3, 4, 4, 5], abandonedWithin: [0, 0, 1, 1, 1] });

  test('labels whole-second bands without overlap, the last one open', () => {
    expect(bands.map((_, index) => bandLabel(bands, index, t))).toEqual([
      'distributions.bandFirst{"to":10}', 'distributions.band{"from":11,"to":20}', 'distributions.band{"from":21,"to":30}',
      'distributions.band{"from":31,"to":60}', 'distributions.band{"from":61,"to":120}', 'distributions.bandBeyond{"from":120}',
    ]);
  });

  test('draws the core\'s counts per band', () => {
    const option = distributionOption(bands, t, theme);
    expect(option.series.map((series) => series.data)).toEqual([[1, 2, 1, 0, 1, 1], [0, 0, 1, 0, 0, 1]]);
  });
});
