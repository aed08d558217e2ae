import { describe, expect, test } from 'vitest';
import { emptyHistoryForm, exportUrl, filterOf, rangeOf } from '../../../renderer/src/stores/history';

const now = new Date(2026, 10, 25, 14, 30);
const today = new Date(2026, 10, 25).getTime();
const day = 86_400_000;

describe('rangeOf', () => {
  test('presets are local calendar days; a custom range includes its last day', () => {
    expect(rangeOf({ range: 'today', fromDate: '', toDate: '' }, now)).toEqual({ from: today, to: today + day });
    expect(rangeOf({ range: 'yesterday', fromDate: '', toDate: '' }, now)).toEqual({ from: today - day, to: today });
    expect(rangeOf({ range: 'week', fromDate: '', toDate: '' }, now)).toEqual({ from: today - 6 * day, to: today + day });
    expect(rangeOf({ range: 'custom', fromDate: '2026-11-20', toDate: '2026-11-21' }, now)).toEqual({ from: new Date(2026, 10, 20).getTime(), to: new Date(2026, 10, 22).getTime() });
  });
});

describe('filterOf', () => {
  test('an empty form is just the date range', () => {
    expect(filterOf(emptyHistoryForm(), now)).toEqual({ from: today, to: today + day });
  });

  test('every field maps to the store filter; blanks and nonsense numbers are left out', () => {
    const form = {
      ...emptyHistoryForm(), callerNum: ' 0611 ', callerMatch: 'contains' as const, calledNum: '8', queue: '630', agent: '801',
      direction: 'inbound' as const, outcome: 'missed' as const, cdrState: 'queue', disposition: 'NO ANSWER', missCause: 'MEMBER_CANCEL',
      minDuration: '10', maxDuration: 'x', hasRecording: 'yes' as const, minScore: '3',
    };
    expect(filterOf(form, now)).toEqual({
      from: today, to: today + day, callerNum: '0611', callerMatch: 'contains', calledNum: '8', calledMatch: 'prefix', queues: ['630'], agents: ['801'],
      directions: ['inbound'], isAnswered: false, cdrStates: ['queue'], dispositions: ['NO ANSWER'], missCauses: ['MEMBER_CANCEL'],
      minDuration: 10, hasRecording: true, minScore: 3,
    });
  });
});

test('exportUrl carries the query as JSON and the language', () => {
  const url = new URL(exportUrl('calls', 'xlsx', { filter: { queues: ['630'] } }, 'en'), 'http://x');
  expect(url.pathname).toBe('/api/export/calls.xlsx');
  expect(JSON.parse(url.searchParams.get('q') ?? '')).toEqual({ filter: { queues: ['630'] } });
  expect(url.searchParams.get('lang')).toBe('en');
});
