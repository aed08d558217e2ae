import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import type { Caller } from '../../../electron/core/contract';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../../electron/core/config/config';
import type { AlertLogEntry, AlertRulesBook, AuditEntry } from '../../../electron/core/contract';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { until } from '../../support/waits';

// Alerts through a real stack: the demo PBX over AMI/TCP, the headless core on the
// demo's clock (so minutes of pause pass when the test steps it), the contract as the
// Settings page and the console call it, and the SQLite log across a restart.

const opened: { core?: Core; pbx?: DemoPbx }[] = [];
afterEach(async () => {
  for (const { core, pbx } of opened.splice(0)) {
    await core?.close();
    await pbx?.close();
  }
});

const operator: Caller = { role: 'act', who: 'operator:amy@127.0.0.1' };
const tv: Caller = { role: 'read', who: 'web:192.168.1.20' };

const rules: AlertRulesBook = {
  defaults: { waitingAtLeast: 2, longestWaitSeconds: null, serviceLevel: null, noAgent: false },
  queues: {},
  watchdog: { idleMinutes: null, pauseLimitMinutes: { break: 1 } },
};

function configFor(pbx: DemoPbx, dataDir: string): CoreConfig {
  return {
    ...defaultConfig(dataDir),
    http: { host: '127.0.0.1', port: 0 },
    receiver: false,
    ami: [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
  };
}

async function call<T>(core: Core, method: string, params: unknown, caller = operator): Promise<T> {
  const reply = await core.dispatch(method, params, caller);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

describe('alerts with the demo PBX over AMI', () => {
  it('raises from waiting callers and a long pause, logs them, and audits acknowledge and snooze', async () => {
    const pbx = await startDemoPbx({ agents: 6, autoStart: false });
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-alerts-'));
    const core = await startCore(configFor(pbx, dataDir), { log: silentLogger, serveHttp: false, clock: () => pbx.now() });
    opened.push({ pbx });
    await until(() => core.model.queues.size === 3, 'the QueueStatus snapshot');

    // A TV neither reads the rules (the operator's configuration) nor changes them.
    expect((await core.dispatch('alerts.setRules', { book: rules }, tv)).ok).toBe(false);
    expect(await core.dispatch('alerts.rules', {}, tv)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.dispatch('alerts.setRules', { book: { ...rules, defaults: { ...rules.defaults, waitingAtLeast: 0 } } }, operator)).ok).toBe(false);
    await call(core, 'alerts.setRules', { book: rules });
    expect(await call(core, 'alerts.rules', {})).toEqual(rules);

    // Two callers wait in 630: its members ring and nobody answers while the clock stands still.
    pbx.placeInboundCall({ queue: '630', callerNumber: '0611000201', abandonAfterMs: 3_600_000 });
    pbx.placeInboundCall({ queue: '630', callerNumber: '0611000202', abandonAfterMs: 3_600_000 });
    pbx.step(2_000);
    await until(() => core.model.queues.get('630')?.callers.length === 2, 'two callers in 630');
    await until(() => core.model.alerts.size === 1, 'the waiting alert');
    const [alert] = [...core.model.alerts.values()];
    expect(alert).toMatchObject({ kind: 'waiting', queue: '630', value: 2, threshold: 2 });
    const snapshot = (await core.dispatch('live.snapshot', {}, tv)) as { ok: true; result: { alerts: unknown[] } };
    expect(snapshot.result.alerts).toEqual([alert]);

    // Acknowledged: still standing, quiet, with its audit row and log entry.
    expect((await core.dispatch('alerts.acknowledge', { id: alert!.id }, tv)).ok).toBe(false);
    expect(await call(core, 'alerts.acknowledge', { id: alert!.id })).toEqual({ ok: true, value: undefined });
    expect(core.model.alerts.get(alert!.id)).toMatchObject({ acknowledgedBy: operator.who });
    // The TV learns that it was acknowledged, not by whom.
    const onTv = (await core.dispatch('live.snapshot', {}, tv)) as { ok: true; result: { alerts: Record<string, unknown>[] } };
    expect(onTv.result.alerts[0]).toMatchObject({ id: alert!.id, acknowledgedAt: expect.any(Number) });
    expect(onTv.result.alerts[0]).not.toHaveProperty('acknowledgedBy');
    expect(await call(core, 'alerts.acknowledge', { id: 'waiting:630:1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // 800 on a break past its one-minute limit (the core's clock is the demo's).
    pbx.pauseAgent('800', true, 'break');
    await until(() => core.model.queues.get('630')?.members.find((m) => m.extension === '800')?.isPaused === true, '800 paused');
    pbx.step(70_000);
    await until(() => [...core.model.alerts.values()].some((a) => a.kind === 'pausedTooLong'), 'the long-pause alert');
    const pause = [...core.model.alerts.values()].find((a) => a.kind === 'pausedTooLong')!;
    expect(pause).toMatchObject({ agent: '800', pauseReason: 'break', threshold: 1 });

    // Snoozed: gone from every screen for 5 minutes.
    const snoozed = await call<{ ok: true; value: { until: number } }>(core, 'alerts.snooze', { id: pause.id, minutes: 5 });
    expect(snoozed.value.until).toBe(core.model.now() + 5 * 60_000);
    expect(core.model.alerts.has(pause.id)).toBe(false);
    expect((await core.dispatch('alerts.snooze', { id: alert!.id, minutes: 100_000 }, operator)).ok).toBe(false);

    const log = await call<AlertLogEntry[]>(core, 'alerts.log', {});
    expect(log.map((e) => `${e.event}:${e.kind}`)).toEqual(['snoozed:pausedTooLong', 'raised:pausedTooLong', 'acknowledged:waiting', 'raised:waiting']);
    expect(log[0]).toMatchObject({ who: operator.who, until: snoozed.value.until, agent: '800' });
    const audit = await call<AuditEntry[]>(core, 'audit.list', { action: 'alerts.acknowledge', result: 'ok' });
    expect(audit).toEqual([expect.objectContaining({ who: operator.who, action: 'alerts.acknowledge', target: alert!.id, result: 'ok' })]);
    const refusedAck = await call<AuditEntry[]>(core, 'audit.list', { result: 'error' });
    expect(refusedAck.map((e) => e.action)).toContain('alerts.acknowledge');
    expect((await call<AuditEntry[]>(core, 'audit.list', { action: 'alerts.snooze' }))).toHaveLength(1);
    expect((await call<AuditEntry[]>(core, 'audit.list', { action: 'alerts.setRules' }))).toHaveLength(1);

    // The log and the rules survive a restart.
    await core.close();
    const again = await startCore(configFor(pbx, dataDir), { log: silentLogger, serveHttp: false, clock: () => pbx.now() });
    opened.push({ core: again });
    expect((await call<AlertLogEntry[]>(again, 'alerts.log', {})).length).toBe(4);
    expect(await call(again, 'alerts.rules', {})).toEqual(rules);
  });
});
