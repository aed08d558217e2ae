import { describe, expect, test } from 'vitest';
import { emptyHistoryForm, exportUrl, filterOf, rangeOf } from '../../../renderer/src/stores/history';

// 2026-11-25 14:30 in Shanghai (UTC+8): the PBX's zone decides the day, not the browser's.
const zone = 'Asia/Shanghai';
const now = new Date(Date.parse('2026-11-25T06:30:00Z'));
const today = Date.parse('2026-11-24T16:00:00Z');
const day = 86_400_000;

describe('rangeOf', () => {
  test('presets are calendar days in the PBX zone; a custom range includes its last day', () => {
    expect(rangeOf({ range: 'today', fromDate: '', toDate: '' }, now, zone)).toEqual({ from: today, to: today + day });
    expect(rangeOf({ range: 'yesterday', fromDate: '', toDate: '' }, now, zone)).toEqual({ from: today - day, to: today });
    expect(rangeOf({ range: 'week', fromDate: '', toDate: '' }, now, zone)).toEqual({ from: today - 6 * day, to: today + day });
    expect(rangeOf({ range: 'custom', fromDate: '2026-11-20', toDate: '2026-11-21' }, now, zone)).toEqual({ from: today - 5 * day, to: today - 3 * day });
    // 23:30 UTC is already tomorrow in Shanghai.
    expect(rangeOf({ range: 'today', fromDate: '', toDate: '' }, new Date(Date.parse('2026-11-25T23:30:00Z')), zone).from).toBe(today + day);
  });
});

describe('filterOf', () => {
  test('an empty form is the date range, without supervisor sessions', () => {
    expect(filterOf(emptyHistoryForm(), now, zone)).toEqual({ from: today, to: today + day, callClasses: ['customer', 'internal'] });
  });

  test('every field maps to the store filter; blanks and nonsense numbers are left out', () => {
    const form = {
      ...emptyHistoryForm(), callerNum: ' 0611 ', callerMatch: 'contains' as const, calledNum: '8', queue: '630', agent: '801',
      direction: 'inbound' as const, outcome: 'missed' as const, cdrState: 'queue', disposition: 'NO ANSWER', missCause: 'MEMBER_CANCEL',
      minDuration: '10', maxDuration: 'x', hasRecording: 'yes' as const, minScore: '3',
    };
    expect(filterOf(form, now, zone)).toEqual({
      from: today, to: today + day, callClasses: ['customer', 'internal'], callerNum: '0611', callerMatch: 'contains', calledNum: '8', calledMatch: 'prefix', queues: ['630'], agents: ['801'],
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
