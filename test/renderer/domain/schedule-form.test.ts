import { describe, expect, test } from 'vitest';
import { scheduleInputSchema, type ReportSchedule } from '../../../electron/core/contract/methods/schedules';
import { emptyScheduleForm, formOfSchedule, inputOfForm, listOf, whenText } from '../../../renderer/src/domain/schedule-form';

describe('the schedule editor form', () => {
  test('lists typed with commas, spaces or Chinese punctuation, without blanks or repeats', () => {
    expect(listOf(' 630, 631；632 630 ,,')).toEqual(['630', '631', '632']);
    expect(listOf('')).toEqual([]);
  });

  test('a new daily schedule becomes an input the contract accepts, without a weekday', () => {
    const form = { ...emptyScheduleForm('zh-CN'), name: ' 日报 ', folder: ' /srv/reports ', pdf: false, weekday: 3 };
    const input = inputOfForm(form);
    expect(input).toEqual({ name: '日报', kind: 'daily', time: '07:00', queues: [], formats: ['xlsx'], language: 'zh-CN', folder: '/srv/reports', recipients: [], isEnabled: true });
    expect(scheduleInputSchema.safeParse(input).success).toBe(true);
  });

  test('a weekly schedule round-trips through the form', () => {
    const schedule: ReportSchedule = {
      id: 'abc', name: 'Weekly', kind: 'weekly', weekday: 1, time: '06:30', queues: ['630', '631'], formats: ['xlsx', 'pdf'], language: 'en',
      recipients: ['lead@example.com'], isEnabled: false,
    };
    const input = inputOfForm(formOfSchedule(schedule));
    expect(input).toEqual({ ...schedule });
    expect(scheduleInputSchema.safeParse(input).success).toBe(true);
  });

  test('an empty folder with no recipients is refused by the contract, with where', () => {
    const parsed = scheduleInputSchema.safeParse(inputOfForm({ ...emptyScheduleForm('en'), name: 'x' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['folder']);
  });

  test('times in the core zone', () => {
    expect(whenText(Date.parse('2026-12-05T23:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-06 07:00');
    expect(whenText(undefined, 'Asia/Shanghai')).toBe('—');
  });
});
