import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConnectionTestResult } from '../contract/methods/settings';
import { isInternalAddress, publicOnlyLookup, type InternalTargetError } from '../security/outbound-target';
import { redactUrlCredentials } from '../base/redact-url';
import { vendorApiRoot } from './client';
import { webkeyToken } from './webkey';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

export interface ProbeOptions {
  timeZone?: string;
  timeoutMs: number;
  /** Origins of the vendor API the core is configured with: the only internal addresses it may probe. */
  configuredOrigins: readonly string[];
  clock?: () => number;
}

/**
 * Settings' "test the vendor API": one GET of extension-hints-status (coocenter-api.md
 * #3) with the WEBKEY, answered by its HTTP status only. Whoever may press the button
 * names the URL, so the core must not become their way into the machine or the LAN:
 * loopback, link-local and private targets are refused unless they are the configured
 * vendor API, checked on the address actually connected to; redirects are not
 * followed; no byte of the answer's body comes back.
 */
export async function probeVendorApi(target: { baseUrl: string; webkey?: string }, options: ProbeOptions): Promise<ConnectionTestResult> {
  const startedAt = Date.now();
  const done = (result: Omit<ConnectionTestResult, 'elapsedMs'>): ConnectionTestResult => ({ ...result, elapsedMs: Date.now() - startedAt });
  const url = new URL(`${vendorApiRoot(target.baseUrl)}/extensions/extension-hints-status`);
  const isConfigured = options.configuredOrigins.includes(new URL(target.baseUrl).origin);
  if (!isConfigured && isInternalAddress(url.hostname)) return done(blocked(url.hostname));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.webkey) headers.authorization = webkeyToken(target.webkey, (options.clock ?? Date.now)(), options.timeZone ?? DEFAULT_TIME_ZONE);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', headers, timeout: options.timeoutMs, ...(isConfigured ? {} : { lookup: publicOnlyLookup }) }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.destroy();
      resolve(done(statusResult(status)));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(done({ code: 'timeout', message: `no answer within ${options.timeoutMs} ms` }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_INTERNAL_TARGET') return resolve(done(blocked(url.hostname, error as InternalTargetError)));
      const code = error.code === 'ECONNREFUSED' ? 'refused' : 'error';
      resolve(done({ code, message: redactUrlCredentials(`${error.code ?? 'error'}: ${error.message}`) }));
    });
    req.end();
  });
}

function statusResult(status: number): Omit<ConnectionTestResult, 'elapsedMs'> {
  if (status >= 200 && status < 300) return { code: 'ok', httpStatus: status };
  if (status === 401 || status === 403) return { code: 'forbidden', httpStatus: status };
  if (status >= 300 && status < 400) return { code: 'error', httpStatus: status, message: `HTTP ${status}: redirects are not followed` };
  return { code: 'error', httpStatus: status, message: `HTTP ${status}` };
}

function blocked(host: string, cause?: InternalTargetError): Omit<ConnectionTestResult, 'elapsedMs'> {
  return {
    code: 'blocked',
    message: `${cause?.message ?? `${host} is an internal address`}: only the configured vendor API may be on one (save it under PBX connections first)`,
  };
}
