import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWebkeyAuthorized } from '../../../electron/core/vendor-api/webkey';

// A small vendor-API server that answers exactly like the samples of the vendor document
// (seed 000_94bcca06c57417db.txt, 被动接收查询), stripped spaces and `tansfer` included,
// plus the error shape the document's quirks describe (HTTP 200 with "status":"error").
// Used until the demo PBX (electron/core/demo) exports startDemoPbx.

const currentCalls = {
  status: 'success',
  message: 'Channelswillfollow',
  data: [
    { calleridname: '896', calleridnum: '896', channel: 'SIP/896-0000000b', channelstate: '6', channelstatedesc: 'Up', connectedlinename: '897', connectedlinenum: '897', duration: '00:02:58' },
  ],
};
const extensionStatus = {
  status: 'success',
  message: 'Peerstatuslistwillfollow',
  data: [
    { Exten: '800', Type: 'SIP', IPAddr: '-none-', Status: 'UNKNOWN' },
    { Exten: '801', Type: 'SIP', IPAddr: '192.168.12.4', Status: 'OK(45ms)' },
    { Exten: '802', Type: 'SIP', IPAddr: '192.168.12.3', Status: 'OK (42 ms)' },
  ],
};
const hints = [
  { agentName: '800', extension: '800', extenType: 'analogCallCenter', status: '0' },
  { agentName: '801', extension: '801', extenType: 'analogCallCenter', status: '9' },
];
const queueInfo = {
  status: 'success',
  message: 'Queuestatuswillfollow',
  data: {
    '630': [
      { name: 'sip/876', paused: '0', penalty: '0' },
      { name: 'sip/893', paused: '1', penalty: '0' },
    ],
    '632': [{ name: 'sip/897', paused: '0', penalty: '1' }],
  },
};

export interface DocVendorServer {
  url: string;
  /** Requests as received: method, path, form fields, Authorization. */
  requests: { method: string; path: string; form: Record<string, string>; authorization?: string }[];
  blacklist: Set<string>;
  /** Stop answering (for timeout tests). */
  hang: boolean;
  close(): Promise<void>;
}

export async function startDocVendorServer(options: { webkey?: string; clock?: () => number; port?: number } = {}): Promise<DocVendorServer> {
  const state: DocVendorServer = { url: '', requests: [], blacklist: new Set(['123456']), hang: false, close: async () => {} };
  const inCall = new Set(['801', '802', '806']);
  const queueMembers = new Set(['630/808', '630/800']);

  const send = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, message: string) => send(res, { status: 'success', message });
  const refuse = (res: ServerResponse, message: string) => send(res, { status: 'error', message }); // HTTP 200 (sic)

  function route(req: IncomingMessage, res: ServerResponse, path: string, form: Record<string, string>): void {
    const key = `${req.method} ${path}`;
    if (path.startsWith('/coocenter-api/monitor/') && req.method === 'GET') {
      const file = decodeURIComponent(path.slice('/coocenter-api/monitor/'.length));
      if (file !== '2018/11/05/in-630-85322361.wav') return send(res, { status: 'error', message: 'file not found' }, 404);
      res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': 44 });
      return void res.end(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40, 7)]));
    }
    switch (key) {
      case 'POST /coocenter-api/extensions/current-calls':
        return send(res, currentCalls);
      case 'GET /coocenter-api/extensions/extension-status':
        return send(res, extensionStatus);
      case 'GET /coocenter-api/extensions/extension-hints-status':
        return send(res, hints);
      case 'GET /coocenter-api/queues/queue-info':
        return send(res, queueInfo);
      case 'POST /coocenter-api/queues/agent-pause':
        if (!queueMembers.has(`${form.queue}/${form.member}`)) return refuse(res, 'Interface not found');
        return ok(res, form.state === 'on' ? 'pause extension success' : 'unpause extension success');
      case 'POST /coocenter-api/queues/agent-login':
        queueMembers.add(`${form.queue}/${form.extension}`);
        return ok(res, 'loginextensionsuccess');
      case 'POST /coocenter-api/queues/agent-logout':
        if (!queueMembers.delete(`${form.queue}/${form.extension}`)) return refuse(res, 'Unable to remove interface: Not there');
        return ok(res, 'logoutextensionsuccess');
      case 'POST /coocenter-api/extensions/click-number':
        return form.src && form.dst ? ok(res, 'Originate successfully queued') : refuse(res, 'src and dst are required');
      case 'POST /coocenter-api/extensions/hangup':
        return inCall.has(form.extension ?? '') ? ok(res, 'hangupextensionsuccess') : refuse(res, 'No such channel');
      case 'POST /coocenter-api/extensions/transfer':
        return inCall.has(form.src ?? '') ? ok(res, 'tansferextensionsuccess') : refuse(res, 'No such channel');
      case 'POST /coocenter-api/extensions/extenSpy':
        return ok(res, 'spyextensionsuccess');
      case 'GET /coocenter-api/blacklist/index':
        return send(res, { status: 'success', data: [...state.blacklist] });
      case 'POST /coocenter-api/blacklist/create':
        state.blacklist.add(form.number ?? '');
        return ok(res, 'Updateddatabasesuccessfully');
      case 'DELETE /coocenter-api/blacklist/delete':
        if (!state.blacklist.delete(form.number ?? '')) return refuse(res, 'Database entry not found');
        return ok(res, 'Keydeletedsuccessfully');
      default:
        return send(res, { status: 'error', message: `no route ${key}` }, 404);
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      state.requests.push({ method: req.method ?? '', path, form, authorization: req.headers.authorization });
      if (state.hang) return; // never answer
      if (!isWebkeyAuthorized(req.headers.authorization, options.webkey, (options.clock ?? Date.now)())) {
        return send(res, { status: 'error', message: 'Authorization failed' }, 401);
      }
      route(req, res, path, form);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
