import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../../electron/core/config/config';
import { amiTargetOf, startDemoPbx, type DemoPbx, type DemoPbxOptions } from '../../../electron/core/demo';

export interface OwnStack {
  pbx: DemoPbx;
  core: Core;
  /** http://127.0.0.1:<port> of this core's UI. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A spec's own demo PBX (its clock still: nothing happens unless the spec steps it)
 * and headless core serving the built renderer — for specs that need determinism
 * or a setting the shared `callboard demo` webServer does not have.
 */
export async function startOwnStack(agents: number, settings: Partial<CoreConfig> = {}, demo: Partial<DemoPbxOptions> = {}): Promise<OwnStack> {
  const pbx = await startDemoPbx({ agents, autoStart: false, ...demo });
  const config: CoreConfig = {
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-e2e-own-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: false,
    ami: [amiTargetOf(pbx)],
    ...settings,
  };
  const core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot: join(process.cwd(), 'out', 'web') });
  await core.amiBackends[0]!.whenSynced();
  return {
    pbx,
    core,
    baseUrl: `http://127.0.0.1:${core.http!.port}`,
    close: async () => {
      await core.close();
      await pbx.close();
    },
  };
}

/** Moves a still demo's clock `times` × `ms`, pausing between steps so the core reads the events as they come. */
export async function stepDemo(stack: OwnStack, ms: number, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    stack.pbx.step(ms);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A demo day from 10:00 in the PBX's zone, when its call center is busy, run for
 * `steps` × 10 simulated seconds and then still (the core still counts in real time).
 */
export async function startBusyDemoDay(agents: number, seed: number, steps: number): Promise<OwnStack> {
  const busyHour = Date.parse(`${new Date().toISOString().slice(0, 10)}T02:00:00Z`);
  const stack = await startOwnStack(agents, {}, { startTime: busyHour, seed });
  stack.pbx.startSimulation();
  await stepDemo(stack, 10_000, steps);
  return stack;
}

/** Steps a still demo by 500 ms while `action` waits for it (an Originate answers once the phone picks up). */
export async function stepWhile<T>(stack: OwnStack, action: Promise<T>): Promise<T> {
  let isDone = false;
  void action.finally(() => (isDone = true));
  for (let i = 0; i < 20 && !isDone; i++) {
    stack.pbx.step(500);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return action;
}

export interface TwoPbxStack {
  /** The PBXs by their connection id, 'bj' and 'sh': each numbers its agents 800… and queues 630… on its own. */
  pbxs: { bj: DemoPbx; sh: DemoPbx };
  core: Core;
  baseUrl: string;
  close(): Promise<void>;
}

/** Two still demo PBXs (different seeds) behind one headless core: several PBXs in one console, ids `bj:800`, `sh:800`. */
export async function startTwoPbxStack(agents = 6): Promise<TwoPbxStack> {
  const [bj, sh] = await Promise.all([startDemoPbx({ agents, autoStart: false, seed: 1 }), startDemoPbx({ agents, autoStart: false, seed: 2 })]);
  const config: CoreConfig = {
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-e2e-two-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: false,
    ami: [amiTargetOf(bj, 'bj'), amiTargetOf(sh, 'sh')],
  };
  const core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot: join(process.cwd(), 'out', 'web') });
  await Promise.all(core.amiBackends.map((backend) => backend.whenSynced()));
  return {
    pbxs: { bj, sh },
    core,
    baseUrl: `http://127.0.0.1:${core.http!.port}`,
    close: async () => {
      await core.close();
      await Promise.all([bj.close(), sh.close()]);
    },
  };
}
