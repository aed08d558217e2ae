import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from './core/app/core';
import { consoleLogger } from './core/base/logger';
import { defaultConfig, parseHostPort } from './core/config/config';
import { defaultDataDir } from './core/config/data-dir';
import { startDemoPbxFor } from './core/demo';
import { headlessSecretStore } from './core/security/headless-secrets';
import { ensureRendererBuilt } from './renderer-build';
import { startSummary } from './start-summary';

/**
 * `npm run demo`: a simulated call center (AMI + pushes + vendor API) and
 * Callboard headless against it, with the demo's cache kept apart from real data.
 */
export async function demoCommand(argv: string[], web: { webRoot: string; rootDir?: string }): Promise<void> {
  const { webRoot } = web;
  const { values } = parseArgs({
    args: argv,
    options: {
      agents: { type: 'string', default: '50' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      peak: { type: 'boolean', default: false },
      pbxs: { type: 'string', default: '1' },
      http: { type: 'string', default: '127.0.0.1:8080' },
      receiver: { type: 'string', default: '127.0.0.1:8090' },
      'data-dir': { type: 'string' },
    },
  });
  const log = consoleLogger('demo');
  // From a checkout: build the console first when it is missing or stale.
  if (web.rootDir) await ensureRendererBuilt(web.rootDir, webRoot, log);
  const base = {
    ...defaultConfig(values['data-dir'] ?? join(defaultDataDir(), 'demo')),
    http: parseHostPort(values.http, '--http'),
    receiver: parseHostPort(values.receiver, '--receiver'),
  };
  const { pbxs, config } = await startDemoPbxFor(base, {
    agents: Number(values.agents), speed: Number(values.speed), seed: Number(values.seed), isAlwaysPeak: values.peak, pbxs: Number(values.pbxs),
  });
  // The demo's own secret store, so Settings can store connections here too (e2e).
  const core = await startCore(config, { log, webRoot, serveHttp: true, secrets: headlessSecretStore(config.dataDir) });
  log.info(`a simulated call center: ${values.agents} agents answering queues 630, 631 and 632${pbxs.length > 1 ? ` on each of ${pbxs.length} PBXs` : ''} (seed ${values.seed}, speed ×${values.speed}${values.peak ? ', peak traffic all day' : ''})`);
  for (const [index, pbx] of pbxs.entries()) {
    const name = pbxs.length > 1 ? ` ${config.ami[index]?.id}` : '';
    log.info(`demo PBX${name}: AMI 127.0.0.1:${pbx.amiPort} (Callboard watches it), vendor API http://127.0.0.1:${pbx.apiPort}/coocenter-api/ (WEBKEY ${pbx.webkey})`);
  }
  for (const line of startSummary(core)) log.info(line);
  log.info(`Callboard is showing it at http://${config.http.host}:${core.http?.port}/  (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await core.close();
  await Promise.all(pbxs.map((pbx) => pbx.close()));
}
