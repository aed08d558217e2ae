import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ActionError, ActionResult } from '../contract';
import { redactUrlCredentials } from '../base/redact-url';
import {
  toChannels,
  toHints,
  toNumbers,
  toPeers,
  toQueueInfo,
  type CurrentChannel,
  type ExtensionHint,
  type PeerStatus,
  type QueueMembership,
} from './client-answers';
import { webkeyToken } from './webkey';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

export interface CoocenterClientOptions {
  /** The box's vendor API, e.g. "http://192.168.12.183:8000" (api.conf BINDPORT); "/coocenter-api" is added unless present. */
  baseUrl: string;
  /** api.conf WEBKEY; empty = no Authorization header. */
  webkey?: string;
  /** The PBX's time zone: the WEBKEY token uses the PBX's local date. */
  timeZone?: string;
  /** Per request, until the answer's headers (default 5 s). */
  timeoutMs?: number;
  clock?: () => number;
}

export interface Recording {
  stream: Readable;
  contentType?: string;
  contentLength?: number;
}

/** The box's own words on success (`"tansfer extension success"`, sic), for logs. */
export type PbxMessage = string;

type Answer = { status: number; body: unknown };

function fail<T>(code: ActionError['code'], message: string): ActionResult<T> {
  return { ok: false, error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refusal texts of the gateway that name a missing thing. */
function refusalCode(message: string): ActionError['code'] {
  // Asterisk's Hangup/Redirect say "No such channel" when the extension has no call.
  if (/no (such |active )?channel|not in (a )?call/i.test(message)) return 'not_in_call';
  if (/not (be )?found|no such|not exist|unknown (extension|queue|member)/i.test(message)) return 'not_found';
  return 'pbx_refused';
}

/**
 * Read the vendor envelope `{status, message, data}`. Quirks (coocenter-api.md
 * "Vendor quirks"): an error may come with HTTP 200 and `"status":"error"`;
 * extension-hints-status answers a bare array; messages are spelt freely
 * (`tansfer`, stripped spaces), so success is `status` only, or a message that
 * says "success" when `status` is missing.
 */
function readEnvelope(answer: Answer, allowBareArray = false): ActionResult<{ message: PbxMessage; data: unknown }> {
  const { status, body } = answer;
  if (allowBareArray && Array.isArray(body) && status < 400) return { ok: true, value: { message: '', data: body } };
  const envelope = isRecord(body) ? body : undefined;
  const message = typeof envelope?.message === 'string' ? envelope.message : '';
  const declared = typeof envelope?.status === 'string' ? envelope.status.toLowerCase() : undefined;
  if (status === 401 || status === 403) return fail('forbidden', message || `PBX refused the WEBKEY (HTTP ${status})`);
  if (declared === 'error' || declared === 'fail' || declared === 'failed') return fail(refusalCode(message), message || 'PBX answered status error');
  if (status === 404) return fail('not_found', message || 'no such vendor API endpoint (HTTP 404)');
  if (status >= 400) return fail('pbx_refused', message || `PBX answered HTTP ${status}`);
  if (declared === 'success' || (declared === undefined && envelope && (/success/i.test(message) || 'data' in envelope))) {
    return { ok: true, value: { message, data: envelope?.data } };
  }
  return fail('invalid', `unexpected answer from the PBX: ${JSON.stringify(body)?.slice(0, 200)}`);
}

/** Client of the vendor box's passive API, one typed method per endpoint (coocenter-api.md table, #1–#15). */
/** Where the 15 endpoints live under a configured base URL (with or without `/coocenter-api`). */
export function vendorApiRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/coocenter-api$/.test(trimmed) ? trimmed : `${trimmed}/coocenter-api`;
}

export function createCoocenterClient(options: CoocenterClientOptions) {
  const apiRoot = vendorApiRoot(options.baseUrl);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const clock = options.clock ?? Date.now;

  function headers(form?: Record<string, string>): Record<string, string> {
    const result: Record<string, string> = { accept: 'application/json' };
    // Computed per request: the token changes at the PBX's midnight.
    if (options.webkey) result.authorization = webkeyToken(options.webkey, clock(), timeZone);
    if (form) result['content-type'] = 'application/x-www-form-urlencoded';
    return result;
  }

  /** One HTTP exchange; the timeout covers the answer's headers and, unless streaming, its body. */
  async function send(method: string, path: string, form?: Record<string, string>, stream = false): Promise<ActionResult<{ response: Response; text: string }>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    try {
      const response = await fetch(`${apiRoot}${path}`, {
        method,
        headers: headers(form),
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: controller.signal,
      });
      // The body is read within the timeout too, unless it is a recording to stream.
      return { ok: true, value: { response, text: stream ? '' : await response.text() } };
    } catch (error) {
      if (controller.signal.aborted) return fail('timeout', `no answer from the PBX within ${timeoutMs} ms (${method} ${path})`);
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return fail('disconnected', redactUrlCredentials(`cannot reach the PBX at ${apiRoot}: ${cause}`));
    } finally {
      clearTimeout(timer);
    }
  }

  async function call(method: string, path: string, form?: Record<string, string>, allowBareArray = false) {
    const sent = await send(method, path, form);
    if (!sent.ok) return sent;
    const { text } = sent.value;
    let body: unknown = text;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: readEnvelope reports it as an unexpected answer
    }
    return readEnvelope({ status: sent.value.response.status, body }, allowBareArray);
  }

  async function action(method: string, path: string, form: Record<string, string>): Promise<ActionResult<PbxMessage>> {
    const answer = await call(method, path, form);
    return answer.ok ? { ok: true, value: answer.value.message } : answer;
  }

  async function query<T>(path: string, method: string, convert: (data: unknown) => ActionResult<T>, allowBareArray = false): Promise<ActionResult<T>> {
    const answer = await call(method, path, undefined, allowBareArray);
    return answer.ok ? convert(answer.value.data) : answer;
  }

  function monitorPath(file: string): string {
    return `/monitor/${file.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
  }

  return {
    apiRoot,
    /** #1 POST /extensions/current-calls (CoreShowChannels). */
    currentCalls: (): Promise<ActionResult<CurrentChannel[]>> => query('/extensions/current-calls', 'POST', toChannels),
    /** #2 GET /extensions/extension-status (SIPpeers). */
    extensionStatus: (): Promise<ActionResult<PeerStatus[]>> => query('/extensions/extension-status', 'GET', toPeers),
    /** #3 GET /extensions/extension-hints-status (ExtensionStateList): a bare array, or an envelope. */
    extensionHintsStatus: (): Promise<ActionResult<ExtensionHint[]>> =>
      query('/extensions/extension-hints-status', 'GET', toHints, true),
    /** #4 GET /queues/queue-info (QueueStatus). */
    queueInfo: (): Promise<ActionResult<Record<string, QueueMembership[]>>> => query('/queues/queue-info', 'GET', toQueueInfo),
    /** #5 POST /queues/agent-pause: state=on pauses, state=off unpauses (the document shows `on` for both). */
    agentPause: (request: { queue: string; member: string; paused: boolean }) =>
      action('POST', '/queues/agent-pause', { queue: request.queue, member: request.member, state: request.paused ? 'on' : 'off' }),
    /** #6 POST /queues/agent-login (QueueAdd). */
    agentLogin: (request: { extension: string; queue: string }) => action('POST', '/queues/agent-login', request),
    /** #7 POST /queues/agent-logout (QueueRemove). */
    agentLogout: (request: { extension: string; queue: string }) => action('POST', '/queues/agent-logout', request),
    /** #8 POST /extensions/click-number: ring src, then dial dst (Originate). */
    clickNumber: (request: { src: string; dst: string }) => action('POST', '/extensions/click-number', request),
    /** #9 POST /extensions/hangup. */
    hangup: (request: { extension: string }) => action('POST', '/extensions/hangup', request),
    /** #10 POST /extensions/transfer: move src's call to dst (Redirect). */
    transfer: (request: { src: string; dst: string }) => action('POST', '/extensions/transfer', request),
    /** #11 POST /extensions/extenSpy: src listens to dst (ChanSpy). */
    extenSpy: (request: { src: string; dst: string }) => action('POST', '/extensions/extenSpy', request),
    /** #12 GET /blacklist/index (AstDB family blacklist). */
    blacklistIndex: (): Promise<ActionResult<string[]>> => query('/blacklist/index', 'GET', toNumbers),
    /** #13 POST /blacklist/create. */
    blacklistCreate: (request: { number: string }) => action('POST', '/blacklist/create', request),
    /** #14 DELETE /blacklist/delete, with a form body as the vendor document shows. */
    blacklistDelete: (request: { number: string }) => action('DELETE', '/blacklist/delete', request),
    /** #15 GET /monitor/<filePath>: the URL (needs the Authorization header when WEBKEY is set). */
    monitorUrl: (file: string): string => `${apiRoot}${monitorPath(file)}`,
    /** #15 GET /monitor/<filePath>: the recording as a stream. */
    async fetchRecording(file: string): Promise<ActionResult<Recording>> {
      const sent = await send('GET', monitorPath(file), undefined, true);
      if (!sent.ok) return sent;
      const { response } = sent.value;
      const contentType = response.headers.get('content-type') ?? undefined;
      if (!response.ok || contentType?.includes('application/json')) {
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // plain-text error page
        }
        const envelope = readEnvelope({ status: response.status, body });
        return envelope.ok ? fail('invalid', 'PBX answered JSON instead of a recording') : envelope;
      }
      if (!response.body) return fail('invalid', 'PBX answered an empty recording');
      const length = Number(response.headers.get('content-length'));
      return {
        ok: true,
        value: {
          stream: Readable.fromWeb(response.body as WebReadableStream),
          contentType,
          contentLength: Number.isFinite(length) && response.headers.has('content-length') ? length : undefined,
        },
      };
    },
  };
}

export type CoocenterClient = ReturnType<typeof createCoocenterClient>;
