import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from './core/app/core';
import { consoleLogger, redactingLogger } from './core/base/logger';
import { redactConfig } from './core/config/config';
import { defaultDataDir } from './core/config/data-dir';
import { loadConfig } from './core/config/load';
import { applyStoredSecrets, secretValuesOf } from './core/security/config-secrets';
import { headlessSecretStore } from './core/security/headless-secrets';
import { demoPbxCommand } from './core/demo';
import { demoCommand } from './demo-command';
import { gatewayCommand, gatewayUsage } from './core/gateway';
import { ensureRendererBuilt } from './renderer-build';
import { startSummary } from './start-summary';

const usage = `callboard — 电话监控台, headless

  callboard serve [--no-build] [--ami [name=]user:secret@host:port]... [--http host:port] [--receiver host:port | --no-receiver]
                  [--data-dir dir] [--webkey key] [--token token | --token name=token]... [--time-zone Asia/Shanghai] [--config file.json5|api.conf]
                  [--vendor-api http://box:8000] [--recordings-dir dir] [--pop-url url] [--gateway api.conf]
                  [--public-host name]... [--allow-ip address|cidr]...
  callboard demo [--no-build] [--agents 50] [--speed 1] [--seed 1] [--peak] [--pbxs 1] [--http 127.0.0.1:8080] [--receiver 127.0.0.1:8090]
  callboard demo-pbx [--ami 127.0.0.1:5038] [--api 127.0.0.1:8000] [--push http://127.0.0.1:8090/] [--agents 50]
                     [--queues 630,631,632] [--seed 1] [--speed 1] [--user admin] [--secret s] [--webkey k] [--load events/s]
                     [--peak] [--queue-log file] [--recordings dir]

  serve    Callboard headless: the console and its API over HTTP, connected to your PBX.
  demo     a simulated call center (AMI, pushes, vendor API) and Callboard showing it.
  demo-pbx the simulated call center alone, for a Callboard started elsewhere.
  Traffic follows the hour of the day in the PBX's zone (Asia/Shanghai); --peak keeps the busiest hour's.
  Several --ami: one console of several PBXs, each id shown with its PBX (the name, else pbx, pbx2…);
  demo --pbxs 2..4 runs that many PBXs with the same extensions and queues (sites bj, sh, gz, sz).
  From a checkout, serve and demo first build the console (out/web) when it is missing or
  older than its sources; --no-build serves whatever is there.
`;

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = join(rootDir, 'out', 'web');

/** `--no-build` belongs to the CLI, not to the core's settings. */
function takeNoBuild(argv: string[]): { rest: string[]; shouldBuild: boolean } {
  const rest = argv.filter((arg) => arg !== '--no-build');
  return { rest, shouldBuild: rest.length === argv.length };
}

async function serve(argv: string[]): Promise<void> {
  const { rest, shouldBuild } = takeNoBuild(argv);
  const loaded = loadConfig(rest, process.env, defaultDataDir());
  if (shouldBuild) await ensureRendererBuilt(rootDir, webRoot, consoleLogger());
  // Secrets not given by flag/env/file come from <data dir>/secrets.json (AES-256-GCM, key file 0600).
  const secrets = headlessSecretStore(loaded.dataDir);
  const config = applyStoredSecrets(loaded, secrets);
  // As on the desktop: no known secret and no URL credentials reach the output, whatever quotes them.
  const log = redactingLogger(consoleLogger(), () => secretValuesOf(config));
  log.info(`configuration ${JSON.stringify(redactConfig(config))}`);
  const core = await startCore(config, { log, webRoot, serveHttp: true, secrets });
  for (const line of startSummary(core)) log.info(line);
  log.info(`ready: open http://${config.http.host}:${core.http?.port}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await core.close();
}

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve,
  demo: (argv) => {
    const { rest, shouldBuild } = takeNoBuild(argv);
    return demoCommand(rest, shouldBuild ? { rootDir, webRoot } : { webRoot });
  },
  'demo-pbx': demoPbxCommand,
  gateway: gatewayCommand,
};

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(usage + gatewayUsage);
    process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  await command(argv);
}

main().catch((error: unknown) => {
  console.error(`callboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
