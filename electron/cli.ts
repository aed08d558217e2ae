import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from './core/app/core';
import { consoleLogger, redactingLogger } from './core/app/logger';
import { redactConfig } from './core/config/config';
import { defaultDataDir } from './core/config/data-dir';
import { loadConfig } from './core/config/load';
import { applyStoredSecrets, secretValuesOf } from './core/security/config-secrets';
import { headlessSecretStore } from './core/security/headless-secrets';
import { demoPbxCommand } from './core/demo';
import { demoCommand } from './demo-command';
import { gatewayCommand, gatewayUsage } from './core/gateway';

const usage = `callboard — 电话监控台, headless

  callboard serve [--ami user:secret@host:port]... [--http host:port] [--receiver host:port | --no-receiver]
                  [--data-dir dir] [--webkey key] [--token token] [--time-zone Asia/Shanghai] [--config file.json5|api.conf]
                  [--vendor-api http://box:8000] [--recordings-dir dir] [--pop-url url] [--gateway api.conf]
                  [--public-host name]... [--allow-ip address|cidr]...
  callboard demo [--agents 50] [--speed 1] [--seed 1] [--http 127.0.0.1:8080] [--receiver 127.0.0.1:8090]
  callboard demo-pbx [--ami 127.0.0.1:5038] [--api 127.0.0.1:8000] [--push http://127.0.0.1:8090/] [--agents 50]
                     [--queues 630,631,632] [--seed 1] [--speed 1] [--user admin] [--secret s] [--webkey k] [--load events/s]
`;

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'web');

async function serve(argv: string[]): Promise<void> {
  const loaded = loadConfig(argv, process.env, defaultDataDir());
  // Secrets not given by flag/env/file come from <data dir>/secrets.json (AES-256-GCM, key file 0600).
  const secrets = headlessSecretStore(loaded.dataDir);
  const config = applyStoredSecrets(loaded, secrets);
  // As on the desktop: no known secret and no URL credentials reach the output, whatever quotes them.
  const log = redactingLogger(consoleLogger(), () => secretValuesOf(config));
  log.info(`configuration ${JSON.stringify(redactConfig(config))}`);
  if (!existsSync(join(webRoot, 'index.html'))) log.warn('the renderer is not built (npm run build:web): serving the API only');
  const core = await startCore(config, { log, webRoot, serveHttp: true, secrets });
  log.info(`ready: open http://${config.http.host}:${core.http?.port}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await core.close();
}

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve,
  demo: (argv) => demoCommand(argv, webRoot),
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
