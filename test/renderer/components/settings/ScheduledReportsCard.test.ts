// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { MAX_SCHEDULES, type ReportRunView, type ReportScheduleView, type ReportSchedulesView } from '@contract';
import ScheduledReportsCard from '../../../../renderer/src/components/settings/ScheduledReportsCard.vue';
import { harness, type HarnessOptions } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';

const zone = 'Asia/Shanghai';
// 2026-12-07 00:00 in Shanghai: the weekly run reports the seven days before.
const weekEnd = Date.UTC(2026, 11, 6, 16, 0);
const lastRun: ReportRunView = {
  id: 3, trigger: 'schedule', status: 'error', startedAt: weekEnd + 7 * 3_600_000, finishedAt: weekEnd + 7 * 3_600_000 + 5_000,
  from: weekEnd - 7 * 86_400_000, to: weekEnd, files: ['/srv/reports/week.xlsx'], mailedTo: [], message: 'SMTP 550',
};
const schedule = (id: string, parts: Partial<ReportScheduleView> = {}): ReportScheduleView => ({
  id, name: `Report ${id}`, kind: 'daily', time: '07:00', queues: [], formats: ['xlsx'], language: 'zh-CN', recipients: [], isEnabled: true, ...parts,
});
const weekly = schedule('w', {
  name: 'Weekly', kind: 'weekly', weekday: 1, queues: ['600', '700'], formats: ['xlsx', 'pdf'], folder: '/srv/reports',
  recipients: ['boss@example.com'], nextRunAt: weekEnd + 7 * 86_400_000 + 7 * 3_600_000, lastRun,
});
const view = (schedules: ReportScheduleView[], parts: Partial<ReportSchedulesView> = {}): ReportSchedulesView => ({ schedules, timeZone: zone, isMailConfigured: true, pdfFont: 'cjk', ...parts });

async function mountCard(answers: Answers = {}, options: HarnessOptions = {}) {
  const h = await harness({ answers: { 'schedules.list': () => view([weekly]), ...answers }, ...options });
  const wrapper = mount(ScheduledReportsCard, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const message = (wrapper: VueWrapper) => wrapper.get('[data-testid="schedule-message"]').text();
const isDisabled = (wrapper: VueWrapper, testid: string) => wrapper.get<HTMLButtonElement>(`[data-testid="${testid}"]`).element.disabled;

describe('ScheduledReportsCard', () => {
  test('each schedule says when it runs, in the core\'s zone, and how its last run went', async () => {
    const { wrapper, setLocale } = await mountCard({}, { locale: 'en' });
    const item = wrapper.get('[data-testid="schedule-Weekly"]');
    // As read: the template's line breaks between parts are one space on screen.
    const lines = item.findAll('.small').map((line) => line.text().replace(/\s+/g, ' '));
    expect(item.get('.head .muted').text()).toBe('Every Mon at 07:00 · XLSX + PDF');
    expect(lines).toContain('600, 700 · /srv/reports · Mailed to boss@example.com');
    expect(lines).toContain('Next run 2026-12-14 07:00');
    expect(item.get('[data-testid="schedule-last-status"]').text()).toBe('failed');
    expect(lines).toContain('Last run failed 2026-12-07 07:00 · Period 2026-11-30 – 2026-12-06');
    expect(item.get('div.error').text()).toBe('SMTP 550');
    expect(wrapper.text()).toContain(`Times are in ${zone}.`);

    await setLocale('zh-CN');
    expect(item.get('.head .muted').text()).toBe('每周一 07:00 · XLSX + PDF');
  });

  test('a new schedule goes to the core as typed lists, in the page\'s language, and the list is read again', async () => {
    const { wrapper, core } = await mountCard({ 'schedules.save': () => ({ ok: true, value: weekly }) }, { locale: 'en' });
    await wrapper.get('[data-testid="schedule-add"]').trigger('click');
    await wrapper.get('[data-testid="schedule-name"]').setValue('  Thursday  ');
    await wrapper.get('[data-testid="schedule-kind"]').setValue('weekly');
    await wrapper.get('[data-testid="schedule-weekday"]').setValue('4');
    await wrapper.get('[data-testid="schedule-queues"]').setValue('600, 700；600');
    await wrapper.get('[data-testid="schedule-pdf"]').setValue(false);
    await wrapper.get('[data-testid="schedule-folder"]').setValue(' /srv/reports ');
    await wrapper.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();
    expect(core.paramsOf('schedules.save')).toEqual([{
      name: 'Thursday', kind: 'weekly', weekday: 4, time: '07:00', queues: ['600', '700'], formats: ['xlsx'], language: 'en',
      folder: '/srv/reports', recipients: [], isEnabled: true,
    }]);
    expect(core.methods.filter((m) => m === 'schedules.list')).toHaveLength(2);
    expect(wrapper.find('[data-testid="schedule-form"]').exists()).toBe(false);
    expect(message(wrapper)).toBe('Saved');
  });

  test('a refused save keeps the editor open and says why, in each language', async () => {
    const { wrapper, core, setLocale } = await mountCard({ 'schedules.save': () => actionRefused('invalid', 'folder: an absolute folder path') }, { locale: 'en' });
    await wrapper.get('[data-testid="schedule-edit"]').trigger('click');
    await wrapper.get('[data-testid="schedule-folder"]').setValue('reports');
    await wrapper.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();
    expect(core.paramsOf('schedules.save')[0]).toMatchObject({ id: 'w', name: 'Weekly', folder: 'reports', recipients: ['boss@example.com'] });
    expect(wrapper.find('[data-testid="schedule-form"]').exists()).toBe(true);
    expect(message(wrapper)).toBe('Not saved: folder: an absolute folder path');
    await setLocale('zh-CN');
    expect(message(wrapper)).toBe('未保存：folder: an absolute folder path');
  });

  test('run now holds every run button while one runs, and names the schedule when it fails', async () => {
    let finish: (result: { ok: false; error: { code: 'timeout'; message: string } }) => void = () => undefined;
    const { wrapper, core } = await mountCard({
      'schedules.list': () => view([weekly, schedule('d', { name: 'Daily' })]),
      'schedules.runNow': () => new Promise((resolve) => { finish = resolve; }),
    }, { locale: 'en' });
    const daily = wrapper.get('[data-testid="schedule-Daily"]');
    await daily.get('[data-testid="schedule-run-now"]').trigger('click');
    expect(daily.get('[data-testid="schedule-run-now"]').text()).toBe('Running…');
    expect(wrapper.findAll<HTMLButtonElement>('[data-testid="schedule-run-now"]').map((b) => b.element.disabled)).toEqual([true, true]);
    finish({ ok: false, error: { code: 'timeout', message: 'report took too long' } });
    await flushPromises();
    expect(core.paramsOf('schedules.runNow')).toEqual([{ id: 'd' }]);
    expect(message(wrapper)).toBe('“Daily” did not run through: report took too long');
    expect(isDisabled(wrapper, 'schedule-run-now')).toBe(false);
  });

  test('deleting asks first; cancelling sends nothing', async () => {
    const { wrapper, core } = await mountCard({ 'schedules.remove': () => actionDone });
    await wrapper.get('[data-testid="schedule-remove"]').trigger('click');
    expect(wrapper.get('[data-testid="schedule-remove-confirm"] .confirm').text()).toBe('删除计划“Weekly”？已生成的文件保留不动。');
    await wrapper.get('[data-testid="schedule-remove-confirm-cancel"]').trigger('click');
    expect(core.methods).not.toContain('schedules.remove');
    await wrapper.get('[data-testid="schedule-remove"]').trigger('click');
    await wrapper.get('[data-testid="schedule-remove-confirm-confirm"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('schedules.remove')).toEqual([{ id: 'w' }]);
  });

  test('at the limit no schedule can be added; without a mail relay nobody can be mailed', async () => {
    const many = Array.from({ length: MAX_SCHEDULES }, (_, i) => schedule(`s${i}`));
    const full = await mountCard({ 'schedules.list': () => view(many, { isMailConfigured: false }) }, { locale: 'en' });
    expect(isDisabled(full.wrapper, 'schedule-add')).toBe(true);
    expect(full.wrapper.text()).toContain(`At most ${MAX_SCHEDULES} schedules.`);
    expect(full.wrapper.find('[data-testid="schedules-no-mail"]').exists()).toBe(true);
    await full.wrapper.findAll('[data-testid="schedule-edit"]')[0]!.trigger('click');
    expect(full.wrapper.get<HTMLInputElement>('[data-testid="schedule-recipients"]').element.disabled).toBe(true);
  });

  test('a read-only screen neither shows nor reads the schedules', async () => {
    const { wrapper, core } = await mountCard({}, { role: 'read' });
    expect(wrapper.find('[data-testid="settings-schedules"]').exists()).toBe(false);
    expect(core.methods).not.toContain('schedules.list');
  });
});
