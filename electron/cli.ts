import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from './core/app/core';
import { consoleLogger } from './core/app/logger';
import { redactConfig } from './core/config/config';
import { defaultDataDir } from './core/config/data-dir';
import { loadConfig } from './core/config/load';

const usage = `callboard — 电话监控台, headless

  callboard serve [--ami user:secret@host:port]... [--http host:port] [--receiver host:port | --no-receiver]
                  [--data-dir dir] [--webkey key] [--token token] [--time-zone Asia/Shanghai] [--config file.json5]
`;

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'web');

async function serve(argv: string[]): Promise<void> {
  const log = consoleLogger();
  const config = loadConfig(argv, process.env, defaultDataDir());
  log.info(`configuration ${JSON.stringify(redactConfig(config))}`);
  if (!existsSync(join(webRoot, 'index.html'))) log.warn('the renderer is not built (npm run build:web): serving the API only');
  const core = await startCore(config, { log, webRoot, serveHttp: true });
  log.info(`ready: open http://${config.http.host}:${core.http?.port}/`);
  const stop = () => void core.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const commands: Record<string, (argv: string[]) => Promise<void>> = { serve };

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(usage);
    process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  await command(argv);
}

main().catch((error: unknown) => {
  console.error(`callboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
