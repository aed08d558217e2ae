import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Notice } from '../../../electron/core/contract';
import { useNoticesStore } from '../../../renderer/src/stores/notices';

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
