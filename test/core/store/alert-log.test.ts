import { describe, expect, test } from 'vitest';
import { createAlertLog, type AlertLogInput } from '../../../electron/core/store/alert-log';
import { createAuditLog } from '../../../electron/core/store/audit-log';
import { openDatabase } from '../../../electron/core/store/database';

const day = 86_400_000;
const t0 = Date.parse('2026-12-06T03:00:00Z');
const raised = (at: number, queue = '630'): AlertLogInput => ({ at, event: 'raised', alertId: `waiting:${queue}:${at}`, kind: 'waiting', queue, value: 5, threshold: 5 });

describe('alert log', () => {
  test('newest first, paged and filtered; an acknowledgement is written with its audit row', () => {
    const db = openDatabase(':memory:');
    const log = createAlertLog(db);
    const audit = createAuditLog(db);
    log.append([raised(t0), raised(t0 + 1, '631')]);
    log.append([{ ...raised(t0), at: t0 + 2, event: 'acknowledged', who: 'amy' }], { log: audit, act: { who: 'amy', action: 'alerts.acknowledge', target: `waiting:630:${t0}` } });
    const all = log.list();
    expect(all.map((e) => `${e.event}:${e.queue}`)).toEqual(['acknowledged:630', 'raised:631', 'raised:630']);
    expect(all[0]).toMatchObject({ who: 'amy', alertId: `waiting:630:${t0}` });
    expect(all[0]).not.toHaveProperty('agent');
    expect(log.list({ beforeId: all[0]!.id, limit: 1 }).map((e) => e.queue)).toEqual(['631']);
    expect(log.list({ event: 'acknowledged' })).toHaveLength(1);
    expect(audit.list().map((e) => e.action)).toEqual(['alerts.acknowledge']);
  });

  test('keeps its days and its rows, dropping the oldest', () => {
    const db = openDatabase(':memory:');
    const log = createAlertLog(db, { days: 2, rows: 3 });
    log.append([raised(t0 - 3 * day), raised(t0 - day), raised(t0 - 3), raised(t0 - 2), raised(t0 - 1)]);
    expect(log.prune(t0)).toBe(2);
    expect(log.list().map((e) => e.at)).toEqual([t0 - 1, t0 - 2, t0 - 3]);
  });
});
