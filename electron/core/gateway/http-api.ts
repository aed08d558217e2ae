import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenHttp, type Listening } from '../server/listening';
import type { ActionService } from '../actions/service';
import { recordingContentType } from '../actions/local-recordings';
import type { Scheduler } from '../actions/scheduler';
import type { Logger } from '../base/logger';
import type { ActionResult } from '../contract/method';
import { isWebkeyAuthorized } from '../vendor-api/webkey';
import { resolveMonitorFile } from './monitor-files';
import { currentCalls, extensionHints, extensionStatus, queueInfo, type AmiListPort, type QueryAnswer } from './queries';

// The vendor box's passive API (coocenter-api.md "Passive API", #1–#15) served
// by Callboard over AMI. Shapes and words are the vendor's: `{status, message,
// data}`, the bare array of extension-hints-status, `tansfer` (sic), and PBX
// refusals as HTTP 200 with "status":"error". Actions go through the
// ActionService (actions/service.ts): live-model checks, audit, AMI frames of s04–s08.

export interface GatewayHttpOptions {
  webkey: string;
  timeZone: string;
  ami: AmiListPort;
  service: ActionService;
  recordingsDir?: string;
  /**
   * click-number and extenSpy ring the source phone first; Asterisk reports the
   * outcome only when it answers (OriginateResponse, s05). The HTTP answer waits
   * this long for an early failure, then reports success and lets it run.
   */
  originateAnswerMs?: number;
  scheduler: Scheduler;
  log: Logger;
  /** Body size limit (default 16 KiB: every request of the document is a few form fields). */
  maxBodyBytes?: number;
}

type Reply = { status: number; body: unknown } | { status: number; file: { path: string; size: number } };

const PREFIX = '/coocenter-api';
const gatewayActor = { who: 'gateway' };

function success(message: string, data?: unknown): Reply {
  return { status: 200, body: data === undefined ? { status: 'success', message } : { status: 'success', message, data } };
}

/** PBX refusals: HTTP 200 and "status":"error" (coocenter-api.md "Vendor quirks"). */
function failure(message: string): Reply {
  return { status: 200, body: { status: 'error', message } };
}

function fromAction(result: ActionResult<unknown>, message: string): Reply {
  return result.ok ? success(message) : failure(result.error.message);
}

function fromQuery<T>(answer: QueryAnswer<T>): Reply {
  return answer.ok ? success(answer.message, answer.data) : failure(answer.message);
}

/** Form fields: x-www-form-urlencoded (the document's curl -d), JSON objects too, and the query string as a fallback. */
function formOf(url: URL, body: string, contentType: string | undefined): URLSearchParams {
  const form = new URLSearchParams(url.search);
  if (/json/i.test(contentType ?? '') || /^\s*\{/.test(body)) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string' || typeof value === 'number') form.set(key, String(value));
      return form;
    } catch {
      // not JSON after all: read it as a form
    }
  }
  for (const [key, value] of new URLSearchParams(body)) form.set(key.trim(), value);
  return form;
}

export interface GatewayHttp {
  handler(req: IncomingMessage, res: ServerResponse): void;
  listen(host: string, port: number): Promise<{ port: number }>;
  close(): Promise<void>;
}

export function createGatewayHttp(options: GatewayHttpOptions): GatewayHttp {
  const { service, scheduler } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const originateAnswerMs = options.originateAnswerMs ?? 2_000;
  let listening: Listening | undefined;

  /** Wait for an Originate's outcome, at most originateAnswerMs; then "queued" counts as success. */
  function originated(run: Promise<ActionResult<unknown>>, message: string): Promise<Reply> {
    return new Promise((resolve) => {
      const timer = scheduler.after(originateAnswerMs, () => resolve(success(message)));
      void run.then((result) => {
        timer.cancel();
        resolve(fromAction(result, message));
      });
    });
  }

  async function route(method: string, path: string, form: URLSearchParams): Promise<Reply> {
    const p = (name: string): string => (form.get(name) ?? '').trim();
    const missing = (...names: string[]): Reply | undefined => {
      const absent = names.filter((name) => p(name) === '');
      return absent.length > 0 ? failure(`missing parameter: ${absent.join(', ')}`) : undefined;
    };
    if (method === 'GET' && path.startsWith('/monitor/')) {
      let name: string;
      try {
        name = decodeURIComponent(path.slice('/monitor/'.length));
      } catch {
        return { status: 400, body: { status: 'error', message: 'Invalid file path' } };
      }
      const found = await resolveMonitorFile(options.recordingsDir, name);
      return found.ok ? { status: 200, file: found } : { status: found.status, body: { status: 'error', message: found.message } };
    }
    switch (`${method} ${path}`) {
      case 'POST /extensions/current-calls':
        return fromQuery(await currentCalls(options.ami));
      case 'GET /extensions/extension-status':
        return fromQuery(await extensionStatus(options.ami));
      case 'GET /extensions/extension-hints-status': {
        const answer = await extensionHints(options.ami);
        return answer.ok ? { status: 200, body: answer.data } : failure(answer.message);
      }
      case 'GET /queues/queue-info':
        return fromQuery(await queueInfo(options.ami));
      case 'POST /queues/agent-pause': {
        // The document shows state=on for both; off (or 0/false/no) unpauses (coocenter-api.md #5).
        const absent = missing('member', 'state');
        if (absent) return absent;
        const isPaused = !/^(off|0|false|no|unpause)$/i.test(p('state'));
        const result = await service.pause({ extension: p('member'), ...(p('queue') ? { queue: p('queue') } : {}), isPaused }, gatewayActor);
        return fromAction(result, isPaused ? 'Interface paused successfully' : 'Interface unpaused successfully');
      }
      case 'POST /queues/agent-login':
        return missing('extension', 'queue') ?? fromAction(await service.queueLogin({ extension: p('extension'), queue: p('queue'), penalty: 0 }, gatewayActor), 'login extension success');
      case 'POST /queues/agent-logout':
        return missing('extension', 'queue') ?? fromAction(await service.queueLogout({ extension: p('extension'), queue: p('queue') }, gatewayActor), 'logout extension success');
      case 'POST /extensions/click-number':
        return missing('src', 'dst') ?? originated(service.dial({ source: p('src'), destination: p('dst') }, gatewayActor), 'click number success');
      case 'POST /extensions/hangup':
        return missing('extension') ?? fromAction(await service.hangup({ extension: p('extension') }, gatewayActor), 'hangup extension success');
      case 'POST /extensions/transfer':
        return missing('src', 'dst') ?? fromAction(await service.transfer({ extension: p('src'), destination: p('dst'), kind: 'blind' }, gatewayActor), 'tansfer extension success');
      case 'POST /extensions/extenSpy':
        return missing('src', 'dst') ?? originated(service.spy({ supervisor: p('src'), target: p('dst'), mode: 'listen' }, gatewayActor), 'spy extension success');
      case 'GET /blacklist/index': {
        const list = await service.blacklistList();
        // The document's sample has no message here: {"status":"success","data":["123456"]}.
        return list.ok ? { status: 200, body: { status: 'success', data: list.value.map((entry) => entry.number) } } : failure(list.error.message);
      }
      case 'POST /blacklist/create': {
        const absent = missing('number');
        if (absent) return absent;
        // The box answers success for a number it has already (it stores numbers only); Callboard keeps that number's note.
        const added = await service.blacklistAdd({ number: p('number') }, gatewayActor);
        return fromAction(!added.ok && added.error.code === 'exists' ? { ok: true, value: undefined } : added, 'Updated database successfully');
      }
      case 'DELETE /blacklist/delete':
        return missing('number') ?? fromAction(await service.blacklistRemove({ number: p('number') }, gatewayActor), 'Key deleted successfully');
      default:
        return { status: 404, body: { status: 'error', message: 'Not found' } };
    }
  }

  function send(res: ServerResponse, reply: Reply): void {
    if ('file' in reply) {
      res.writeHead(200, { 'content-type': recordingContentType(reply.file.path), 'content-length': reply.file.size });
      createReadStream(reply.file.path).on('error', () => res.destroy()).pipe(res);
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) return send(res, { status: 413, body: { status: 'error', message: 'Request body too large' } });
      chunks.push(chunk as Buffer);
    }
    if (!isWebkeyAuthorized(req.headers.authorization, options.webkey, scheduler.now(), options.timeZone)) {
      return send(res, { status: 401, body: { status: 'error', message: 'Unauthorized' } });
    }
    const url = new URL(req.url ?? '/', 'http://gateway');
    // URL parsing already resolves `..` and `%2e%2e` segments (a climb out of the prefix is a 404);
    // what remains of /monitor/ is decoded and checked once more in monitor-files.ts.
    if (!url.pathname.startsWith(`${PREFIX}/`)) return send(res, { status: 404, body: { status: 'error', message: 'Not found' } });
    const form = formOf(url, Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
    send(res, await route(req.method ?? 'GET', url.pathname.slice(PREFIX.length), form));
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    handle(req, res).catch((error: unknown) => {
      options.log.error('gateway API: request failed', error);
      if (!res.headersSent) send(res, { status: 500, body: { status: 'error', message: 'Internal error' } });
      else res.destroy();
    });
  }

  return {
    handler,
    async listen(host, port) {
      listening = await listenHttp(handler, host, port);
      listening.server.keepAliveTimeout = 5_000;
      return { port: listening.port };
    },
    async close() {
      const current = listening;
      listening = undefined;
      await current?.close();
    },
  };
}
