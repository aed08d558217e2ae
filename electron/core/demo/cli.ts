import { randomBytes } from 'node:crypto';
import { startDemoPbx } from './demo-pbx';
import type { DemoPbxOptions } from './demo-pbx';

function hostPort(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  return at < 0 ? { host: '127.0.0.1', port: Number(value) } : { host: value.slice(0, at) || '127.0.0.1', port: Number(value.slice(at + 1)) };
}

/** Parse `callboard demo-pbx` flags into options (unknown flags are an error, not ignored; `--peak` takes no value). */
export function parseDemoPbxArgs(argv: string[]): DemoPbxOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (arg === '--peak') flags.set('peak', '');
    else flags.set(arg.slice(2), argv[++i] ?? '');
  }
  const known = new Set(['ami', 'api', 'push', 'agents', 'queues', 'seed', 'speed', 'user', 'secret', 'webkey', 'load', 'queue-log', 'recordings', 'peak']);
  for (const key of flags.keys()) if (!known.has(key)) throw new Error(`unknown flag --${key}`);
  const ami = hostPort(flags.get('ami') ?? '127.0.0.1:5038');
  const api = hostPort(flags.get('api') ?? '127.0.0.1:8000');
  const num = (key: string, fallback: number): number => (flags.has(key) ? Number(flags.get(key)) : fallback);
  return {
    ami: { ...ami, username: flags.get('user') ?? 'admin', secret: flags.get('secret') ?? randomBytes(9).toString('base64url') },
    api,
    push: flags.get('push') ? { url: flags.get('push') as string } : false,
    webkey: flags.get('webkey') ?? randomBytes(6).toString('hex'),
    agents: num('agents', 50),
    queues: (flags.get('queues') ?? '630,631,632').split(',').filter(Boolean),
    seed: num('seed', 1),
    speed: num('speed', 1),
    ...(flags.has('load') ? { loadEventsPerSecond: num('load', 0) } : {}),
    ...(flags.has('peak') ? { isAlwaysPeak: true } : {}),
    ...(flags.get('queue-log') ? { queueLogFile: flags.get('queue-log') as string } : {}),
    ...(flags.get('recordings') ? { recordingsDir: flags.get('recordings') as string } : {}),
    autoStart: true,
  };
}

/** `callboard demo-pbx …`: runs until SIGINT/SIGTERM. */
export async function demoPbxCommand(argv: string[]): Promise<void> {
  const options = parseDemoPbxArgs(argv);
  const pbx = await startDemoPbx(options);
  const amiHost = options.ami ? options.ami.host : '';
  const apiHost = options.api ? options.api.host : '';
  process.stdout.write([
    `demo PBX running (${options.agents} agents, queues ${options.queues?.join(',')}, seed ${options.seed}, speed ${options.speed}x)`,
    `  AMI      ${amiHost}:${pbx.amiPort}  user ${pbx.credentials.username}  secret ${pbx.credentials.secret}`,
    `  API      http://${apiHost}:${pbx.apiPort}/coocenter-api/  WEBKEY ${pbx.webkey}`,
    `  push to  ${options.push ? options.push.url : '(off)'}`,
    `  queue_log ${options.queueLogFile ?? '(off: --queue-log file)'}`,
    `  recordings ${options.recordingsDir ?? '(served by the API only: --recordings dir writes them as files)'}`,
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await pbx.close();
}
