import { join } from 'node:path';
import type { AmiTarget, CoreConfig } from '../config/config';
import { startDemoPbx, type DemoPbx, type DemoPbxOptions } from './demo-pbx';

export const DEMO_WEBKEY = 'callboard-demo';

/** A core's AMI connection to a demo PBX, named `id` (the PBX's label when a console watches several). */
export function amiTargetOf(pbx: DemoPbx, id = 'pbx', host = '127.0.0.1'): AmiTarget {
  return { id, host, port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret };
}

/** Names of the demo's PBXs when it runs several (`--pbxs`): sites of one group, as a console of several PBXs labels them. */
export const DEMO_SITES = ['bj', 'sh', 'gz', 'sz'] as const;

/**
 * Starts the demo PBX for a core about to start with `config`: it pushes to
 * that core's receiver, the returned config points the core's AMI at it, and
 * its recordings are written under the data dir where the core reads them (as a
 * mounted monitor folder); its vendor API serves the same files.
 * With `pbxs` > 1, that many PBXs with the same extensions and queues (and other
 * seeds) are watched as sites of one group (contract/pbx-ids.ts). Only the first
 * writes recordings, and none pushes: a push carries no PBX, so the receiver would
 * count the first site's calls a second time under bare ids.
 * Used by `npm run demo` and the desktop app's `--demo`.
 */
export async function startDemoPbxFor(
  config: CoreConfig,
  options: Pick<DemoPbxOptions, 'agents' | 'speed' | 'seed' | 'isAlwaysPeak'> & { pbxs?: number } = {},
): Promise<{ pbx: DemoPbx; pbxs: DemoPbx[]; config: CoreConfig }> {
  const recordingsDir = config.recordingsDir ?? join(config.dataDir, 'recordings');
  const count = Math.max(1, Math.min(options.pbxs ?? 1, DEMO_SITES.length));
  const pbxs = await Promise.all(Array.from({ length: count }, (_, index) => startDemoPbx({
    ...(index === 0 ? { recordingsDir } : {}),
    agents: options.agents ?? 50,
    speed: options.speed ?? 1,
    seed: (options.seed ?? 1) + index,
    ...(options.isAlwaysPeak ? { isAlwaysPeak: true } : {}),
    api: { host: '127.0.0.1', port: 0 },
    push: config.receiver && count === 1 ? { url: `http://127.0.0.1:${config.receiver.port}/` } : false,
    webkey: DEMO_WEBKEY,
    autoStart: true,
  })));
  const ami = pbxs.map((pbx, index) => amiTargetOf(pbx, count === 1 ? 'demo' : (DEMO_SITES[index] as string)));
  return { pbx: pbxs[0] as DemoPbx, pbxs, config: { ...config, webkey: DEMO_WEBKEY, ami, recordingsDir } };
}
