import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultKeptVariables } from '../ami/client';
import { startAmiBackend } from '../live/ami-backend';
import { consoleLogger, type Logger } from '../base/logger';
import { parseAmiUrl, parseHostPort } from '../config/config';
import { defaultDataDir } from '../config/data-dir';
import { LiveModel } from '../live/model';
import { openDatabase } from '../store/database';
import { gatewayVariables } from './channel-facts';
import { gatewayConfigFromApiConf, type GatewayConfig } from './config';
import { startGateway, type Gateway } from './gateway';

export const gatewayUsage = `  callboard gateway --config api.conf [--ami user:secret@host:port] [--data-dir dir] [--bind host]
                    [--time-zone Asia/Shanghai] [--recordings /var/spool/asterisk/monitor] [--wrapup-seconds 30]
`;

export interface GatewayArgs {
  config: GatewayConfig;
  ami: ReturnType<typeof parseAmiUrl>;
  dataDir: string;
}

/** `callboard gateway` flags; api.conf gives the vendor settings, flags what a plain Asterisk needs. */
export function parseGatewayArgs(argv: string[], env: Record<string, string | undefined> = process.env): GatewayArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' }, ami: { type: 'string' }, 'data-dir': { type: 'string' }, bind: { type: 'string' },
      'time-zone': { type: 'string' }, recordings: { type: 'string' }, 'wrapup-seconds': { type: 'string' },
    },
  });
  if (!values.config) throw new Error('gateway: --config api.conf is required');
  const overrides: Partial<GatewayConfig> = {};
  if (values.bind) overrides.bindHost = values.bind.includes(':') ? parseHostPort(values.bind, '--bind').host : values.bind;
  if (values.bind?.includes(':')) overrides.bindPort = parseHostPort(values.bind, '--bind').port;
  if (values['time-zone']) overrides.timeZone = values['time-zone'];
  if (values.recordings) overrides.recordingsDir = values.recordings;
  if (values['wrapup-seconds']) overrides.wrapupSeconds = Number(values['wrapup-seconds']);
  const config = gatewayConfigFromApiConf(readFileSync(values.config, 'utf8'), overrides);
  const amiUrl = values.ami ?? env.CALLBOARD_AMI ?? 'admin:amp111@127.0.0.1:5038';
  return { config, ami: parseAmiUrl(amiUrl, 'pbx'), dataDir: values['data-dir'] ?? defaultDataDir(env) };
}

/** Start AMI + gateway from parsed arguments (the CLI, and tests of the CLI path). */
export async function runGateway(args: GatewayArgs, log: Logger): Promise<Gateway & { stopAll(): Promise<void> }> {
  const db = openDatabase(join(args.dataDir, 'gateway.db'));
  const model = new LiveModel();
  const backend = startAmiBackend(args.ami, model, log, {
    // The gateway reads MONFILE/QUEUE_DID/IVR_* from VarSet: let them through the client's VarSet filter.
    client: { keptVariables: [...new Set([...defaultKeptVariables, ...gatewayVariables])] },
  });
  try {
    const gateway = await startGateway({ config: args.config, backend, model, db, log });
    return {
      ...gateway,
      async stopAll() {
        await gateway.close();
        await backend.stop();
        db.close();
      },
    };
  } catch (error) {
    await backend.stop();
    db.close();
    throw error;
  }
}

/** `callboard gateway …`: runs until SIGINT/SIGTERM. */
export async function gatewayCommand(argv: string[]): Promise<void> {
  const log = consoleLogger('gateway');
  const args = parseGatewayArgs(argv);
  log.info(`AMI ${args.ami.host}:${args.ami.port} as ${args.ami.username}; data in ${args.dataDir}; pausetime=${args.config.pauseTime ? 'yes' : 'no'}`);
  const running = await runGateway(args, log);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stopAll();
}
