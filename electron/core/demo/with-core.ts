import { join } from 'node:path';
import type { CoreConfig } from '../config/config';
import { startDemoPbx, type DemoPbx, type DemoPbxOptions } from './demo-pbx';

export const DEMO_WEBKEY = 'callboard-demo';

/**
 * Starts the demo PBX for a core about to start with `config`: it pushes to
 * that core's receiver, the returned config points the core's AMI at it, and
 * its recordings are written under the data dir where the core reads them (as a
 * mounted monitor folder); its vendor API serves the same files.
 * Used by `npm run demo` and the desktop app's `--demo`.
 */
export async function startDemoPbxFor(
  config: CoreConfig,
  options: Pick<DemoPbxOptions, 'agents' | 'speed' | 'seed' | 'isAlwaysPeak'> = {},
): Promise<{ pbx: DemoPbx; config: CoreConfig }> {
  const recordingsDir = config.recordingsDir ?? join(config.dataDir, 'recordings');
  const pbx = await startDemoPbx({
    recordingsDir,
    agents: options.agents ?? 50,
    speed: options.speed ?? 1,
    seed: options.seed ?? 1,
    ...(options.isAlwaysPeak ? { isAlwaysPeak: true } : {}),
    api: { host: '127.0.0.1', port: 0 },
    push: config.receiver ? { url: `http://127.0.0.1:${config.receiver.port}/` } : false,
    webkey: DEMO_WEBKEY,
    autoStart: true,
  });
  const ami = [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }];
  return { pbx, config: { ...config, webkey: DEMO_WEBKEY, ami, recordingsDir } };
}
