import http from 'node:http';
import https from 'node:https';
import type { VendorPush } from '../pbx';
import { webkeyToken } from '../../vendor-api/webkey';

export interface PusherOptions {
  url: string;
  webkey: string;
  timeZone: string;
  /** Bound of the retry queue; beyond it pushes are dropped and counted. */
  maxQueued?: number;
  /** Concurrent POSTs in flight. */
  concurrency?: number;
  now?: () => number;
}

/**
 * POSTs vendor events (one JSON object per request, coocenter-api.md "Pushed
 * events") with `Authorization: md5(WEBKEY + date)`. A slow or dead receiver
 * never blocks the simulation: the queue is bounded, failures are retried a few
 * times, and what cannot be delivered is counted in `dropped`.
 */
export class VendorPusher {
  private queue: Array<{ body: string; attempts: number }> = [];
  private inFlight = 0;
  private readonly agent: http.Agent;
  private isClosed = false;
  delivered = 0;
  dropped = 0;
  failures = 0;

  constructor(private readonly options: PusherOptions) {
    const isHttps = options.url.startsWith('https:');
    this.agent = isHttps ? new https.Agent({ keepAlive: true, maxSockets: 8 }) : new http.Agent({ keepAlive: true, maxSockets: 8 });
  }

  enqueue(push: VendorPush): void {
    if (this.isClosed) return;
    if (this.queue.length >= (this.options.maxQueued ?? 10_000)) {
      this.dropped++;
      return;
    }
    this.queue.push({ body: JSON.stringify(push), attempts: 0 });
    this.pump();
  }

  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  close(): void {
    this.isClosed = true;
    this.queue = [];
    this.agent.destroy();
  }

  private pump(): void {
    while (this.inFlight < (this.options.concurrency ?? 4) && this.queue.length > 0) {
      const item = this.queue.shift();
      if (item) this.send(item);
    }
  }

  private send(item: { body: string; attempts: number }): void {
    this.inFlight++;
    const url = new URL(this.options.url);
    const transport = url.protocol === 'https:' ? https : http;
    const token = webkeyToken(this.options.webkey, (this.options.now ?? Date.now)(), this.options.timeZone);
    const request = transport.request(url, {
      method: 'POST', agent: this.agent, timeout: 5000,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(item.body), Authorization: token },
    }, (res) => {
      res.resume();
      res.on('end', () => this.done(item, (res.statusCode ?? 500) < 300));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => this.done(item, false));
    request.end(item.body);
  }

  private done(item: { body: string; attempts: number }, isOk: boolean): void {
    this.inFlight--;
    if (isOk) this.delivered++;
    else {
      this.failures++;
      item.attempts++;
      if (item.attempts < 3 && !this.isClosed && this.queue.length < (this.options.maxQueued ?? 10_000)) {
        setTimeout(() => { if (!this.isClosed) { this.queue.push(item); this.pump(); } }, 200 * item.attempts).unref();
      } else this.dropped++;
    }
    if (!this.isClosed) this.pump();
  }
}
