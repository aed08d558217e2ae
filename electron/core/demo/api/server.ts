import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Pbx } from '../pbx';
import { isWebkeyAuthorized } from '../../vendor-api/webkey';
import { CHANNEL_STATE_DESC, EXTENSION_STATUS } from '../pbx-state';
import { addMember, pauseMember, removeMember } from '../story/members';
import { placeInternalCall } from '../story/internal-call';

const PREFIX = '/coocenter-api';

type Reply = { status: number; body: unknown } | { status: number; wav: Buffer };

function ok(message: string, data?: unknown): Reply {
  return { status: 200, body: data === undefined ? { status: 'success', message } : { status: 'success', message, data } };
}

/** Vendor errors come back with HTTP 200 and `"status":"error"` (coocenter-api.md quirks). */
function fail(message: string): Reply {
  return { status: 200, body: { status: 'error', message } };
}

function hms(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The vendor box's 15 passive endpoints, backed by the simulated PBX. */
export class DemoVendorApi {
  private server: Server | undefined;

  constructor(private readonly pbx: Pbx, private readonly webkey: string) {}

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    let reply: Reply;
    if (!isWebkeyAuthorized(req.headers.authorization, this.webkey, Date.now(), this.pbx.config.timeZone)) {
      reply = { status: 401, body: { status: 'error', message: 'Unauthorized' } };
    } else {
      const url = new URL(req.url ?? '/', 'http://demo');
      reply = this.route(req.method ?? 'GET', url.pathname, new URLSearchParams(body));
    }
    if ('wav' in reply) {
      res.writeHead(reply.status, { 'Content-Type': 'audio/wav', 'Content-Length': reply.wav.length });
      res.end(reply.wav);
      return;
    }
    const json = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  }

  private route(method: string, path: string, form: URLSearchParams): Reply {
    const { pbx } = this;
    const state = pbx.state;
    if (!path.startsWith(`${PREFIX}/`)) return { status: 404, body: { status: 'error', message: 'Not found' } };
    const route = `${method} ${path.slice(PREFIX.length)}`;
    const p = (name: string): string => (form.get(name) ?? '').trim();
    const agent = (exten: string): ReturnType<typeof state.agents.get> => state.agents.get(exten);
    if (method === 'GET' && path.startsWith(`${PREFIX}/monitor/`)) {
      const file = decodeURIComponent(path.slice(`${PREFIX}/monitor/`.length));
      const wav = state.recordings.wav(file);
      return wav ? { status: 200, wav } : { status: 404, body: { status: 'error', message: 'File not found' } };
    }
    switch (route) {
      case 'POST /extensions/current-calls':
        return ok('Channels will follow', [...state.channels.values()].map((ch) => ({
          calleridname: ch.callerIdName, calleridnum: ch.callerIdNum, channel: ch.name, channelstate: String(ch.state),
          channelstatedesc: CHANNEL_STATE_DESC[ch.state], connectedlinename: ch.connectedName, connectedlinenum: ch.connectedNum,
          duration: hms(pbx.now() - ch.createdAt),
        })));
      case 'GET /extensions/extension-status':
        return ok('Peer status list will follow', [...state.agents.values()].map((a) => ({
          Exten: a.exten, Type: 'SIP', IPAddr: a.isRegistered ? a.ip : '-none-', Status: a.isRegistered ? 'OK (1 ms)' : 'UNKNOWN',
        })));
      case 'GET /extensions/extension-hints-status':
        return { status: 200, body: [...state.agents.values()].map((a) => ({
          agentName: a.exten, extension: a.exten, extenType: 'analogCallCenter', status: String(EXTENSION_STATUS[a.deviceState].code),
        })) };
      case 'GET /queues/queue-info': {
        const data: Record<string, Array<{ name: string; paused: string; penalty: string }>> = {};
        for (const q of state.queues.values()) {
          data[q.name] = q.members.map((m) => ({ name: m.agent.device.toLowerCase(), paused: m.isPaused ? '1' : '0', penalty: String(m.penalty) }));
        }
        return ok('Queue status will follow', data);
      }
      case 'POST /queues/agent-pause': {
        if (!agent(p('member'))) return fail('extension not found');
        const result = pauseMember(pbx, `SIP/${p('member')}`, p('queue'), p('state') !== 'off', p('state') !== 'off' ? 'Busy' : '');
        return result.isOk ? ok(result.message) : fail(result.message);
      }
      case 'POST /queues/agent-login': {
        if (!agent(p('extension'))) return fail('extension not found');
        const result = addMember(pbx, p('queue'), `SIP/${p('extension')}`, 0);
        return result.isOk ? ok('login extension success') : fail(result.message);
      }
      case 'POST /queues/agent-logout': {
        const result = removeMember(pbx, p('queue'), `SIP/${p('extension')}`);
        return result.isOk ? ok('logout extension success') : fail(result.message);
      }
      case 'POST /extensions/click-number': {
        const from = agent(p('src'));
        if (!from || !p('dst')) return fail('extension not found');
        placeInternalCall(pbx, { from, to: p('dst'), talkMs: 30_000 });
        return ok('click number success');
      }
      case 'POST /extensions/hangup': {
        const a = agent(p('extension'));
        const ch = a && state.channelsOf(a)[0];
        if (!ch) return fail('extension not found');
        ch.onHangupRequest?.();
        return ok('hangup extension success');
      }
      case 'POST /extensions/transfer': {
        const a = agent(p('src'));
        const ch = a && state.channelsOf(a)[0];
        if (!ch || !agent(p('dst'))) return fail('extension not found');
        // The box Redirects the party src talks to into dst (coocenter-api.md #10), like s06 (a).
        const move = ch.peer?.onRedirect;
        if (move) pbx.clock.after(0, () => move(p('dst')));
        return ok('tansfer extension success');
      }
      case 'POST /extensions/extenSpy': {
        const from = agent(p('src'));
        if (!from || !agent(p('dst'))) return fail('extension not found');
        placeInternalCall(pbx, { from, to: p('dst'), isSpy: true, talkMs: 30_000 });
        return ok('spy extension success');
      }
      case 'GET /blacklist/index':
        return { status: 200, body: { status: 'success', data: [...state.astdb.keys()].filter((k) => k.startsWith('/blacklist/')).map((k) => k.slice('/blacklist/'.length)) } };
      case 'POST /blacklist/create':
        if (!p('number')) return fail('number is required');
        state.astdb.set(`/blacklist/${p('number')}`, '1');
        return ok('Updated database successfully');
      case 'DELETE /blacklist/delete':
        return state.astdb.delete(`/blacklist/${p('number')}`) ? ok('Key deleted successfully') : fail('Database entry could not be deleted');
      default:
        return { status: 404, body: { status: 'error', message: 'Not found' } };
    }
  }
}
