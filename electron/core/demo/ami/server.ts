import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { AmiFrameParser } from '../../ami/frame-parser';
import { header } from '../../ami/message';
import type { AmiMessage } from '../../ami/message';
import type { Pbx } from '../pbx';
import { response, serializeAmi } from './wire';
import type { AmiHeaders } from './wire';
import { handleAction } from './actions';

export interface AmiServerOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
}

/** A session's output queue is capped so a stalled client cannot grow memory without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Asterisk Manager over TCP: banner, Login, then events to logged-in sessions.
 * Frames are parsed with the same AmiFrameParser the client uses; the first
 * line is only a banner if it starts "Asterisk Call Manager", so a client's
 * first action parses normally.
 */
export class DemoAmiServer {
  private server: Server | undefined;
  private sessions = new Set<{ socket: Socket; isLoggedIn: boolean }>();
  droppedEvents = 0;

  constructor(private readonly pbx: Pbx, private readonly options: AmiServerOptions) {
    pbx.onAmiEvent((event) => this.broadcast(event));
  }

  async listen(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const session = { socket, isLoggedIn: false };
    this.sessions.add(session);
    const parser = new AmiFrameParser();
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    socket.on('data', (chunk: string) => {
      for (const message of parser.push(chunk)) this.onMessage(session, message);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sessions.delete(session));
  }

  private send(socket: Socket, headers: AmiHeaders): void {
    if (!socket.destroyed) socket.write(serializeAmi(headers));
  }

  private onMessage(session: { socket: Socket; isLoggedIn: boolean }, message: AmiMessage): void {
    const action = header(message, 'action').toLowerCase();
    const actionId = message.actionid;
    const { socket } = session;
    if (action === 'login') {
      if (header(message, 'username') === this.options.username && header(message, 'secret') === this.options.secret) {
        session.isLoggedIn = true;
        this.send(socket, response(actionId, 'Success', 'Authentication accepted'));
        this.send(socket, [['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', String(this.uptime())], ['LastReload', String(this.uptime())], ['Status', 'Fully Booted']]);
        // The login itself is a security event every session sees (s01-s08, after FullyBooted).
        const tv = new Date(this.pbx.now()).toISOString().replace('Z', '+0000');
        this.pbx.emit([['Event', 'SuccessfulAuth'], ['Privilege', 'security,all'], ['EventTV', tv], ['Severity', 'Informational'],
          ['Service', 'AMI'], ['EventVersion', '1'], ['AccountID', this.options.username], ['SessionID', `0x${this.pbx.random.hex(12)}`],
          ['LocalAddress', `IPV4/TCP/${socket.localAddress ?? '127.0.0.1'}/${socket.localPort ?? 0}`],
          ['RemoteAddress', `IPV4/TCP/${socket.remoteAddress ?? '127.0.0.1'}/${socket.remotePort ?? 0}`],
          ['UsingPassword', '0'], ['SessionTV', tv]]);
      } else {
        this.send(socket, response(actionId, 'Error', 'Authentication failed'));
      }
      return;
    }
    if (action === 'logoff') {
      this.send(socket, response(actionId, 'Goodbye', 'Thanks for all the fish.'));
      socket.end();
      return;
    }
    if (!session.isLoggedIn) {
      this.send(socket, response(actionId, 'Error', 'Permission denied'));
      return;
    }
    for (const reply of handleAction(this.pbx, action, message)) this.send(socket, reply);
  }

  private uptime(): number {
    return Math.floor((this.pbx.now() - this.pbx.state.startedAt) / 1000);
  }

  private broadcast(event: AmiHeaders): void {
    let text: string | undefined;
    for (const session of this.sessions) {
      if (!session.isLoggedIn) continue;
      if (session.socket.writableLength > MAX_BUFFERED_BYTES) {
        this.droppedEvents++;
        continue;
      }
      text ??= serializeAmi(event);
      session.socket.write(text);
    }
  }
}
