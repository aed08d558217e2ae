import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Notice } from '../../../electron/core/contract';
import { useNoticesStore } from '../../../renderer/src/stores/notices';
import { messages } from '../../../renderer/src/i18n';

const { 'zh-CN': zhCN, en } = messages;

const recovered: Notice = { id: 'db_recovered', level: 'warning', code: 'db_recovered', params: { movedTo: '/data/callboard.db.corrupt-x' }, message: 'moved', at: 1_000 };
const diskFull: Notice = { id: 'db_write', level: 'error', code: 'db_disk_full', params: {}, message: 'full', at: 500 };

beforeEach(() => setActivePinia(createPinia()));

describe('notices store', () => {
  test('a snapshot replaces the notices; errors come before warnings', () => {
    const notices = useNoticesStore();
    notices.put({ ...diskFull, id: 'stale' });
    notices.replaceAll([recovered, diskFull]);
    expect(notices.shown.map((n) => n.id)).toEqual(['db_write', 'db_recovered']);
  });

  test('dismissing hides a notice from the banner but not from the full list; raised again, it shows again', () => {
    const notices = useNoticesStore();
    notices.replaceAll([recovered, diskFull]);
    notices.dismiss(diskFull);
    expect(notices.shown.map((n) => n.id)).toEqual(['db_recovered']);
    expect(notices.all.map((n) => n.id)).toEqual(['db_write', 'db_recovered']);
    // The same notice in a later snapshot (a reconnect) stays dismissed.
    notices.replaceAll([recovered, diskFull]);
    expect(notices.shown.map((n) => n.id)).toEqual(['db_recovered']);
    notices.put({ ...diskFull, at: 9_000 });
    expect(notices.shown.map((n) => n.id)).toEqual(['db_write', 'db_recovered']);
  });

  test('a removed notice is gone from both lists', () => {
    const notices = useNoticesStore();
    notices.replaceAll([recovered, diskFull]);
    notices.remove('db_write');
    expect(notices.all.map((n) => n.id)).toEqual(['db_recovered']);
    expect(notices.shown.map((n) => n.id)).toEqual(['db_recovered']);
  });
});

describe('notice words', () => {
  const liveCaps = ['live_channels_capped', 'live_extensions_capped', 'live_queues_capped', 'live_members_capped', 'live_callers_capped', 'live_fields_cut'] as const;

  test.each(['en', 'zh-CN'] as const)('every live-model bound has a %s headline with its limit and a detail with its count', (locale) => {
    const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
    for (const code of liveCaps) {
      const title = i18n.global.t(`notice.${code}.title`, { limit: '20000' });
      expect(title, code).toContain('20000');
      expect(i18n.global.te(`notice.${code}.detail`), code).toBe(true);
      expect(i18n.global.t(`notice.${code}.detail`, { count: '7' }), code).toContain('7');
    }
  });
});
