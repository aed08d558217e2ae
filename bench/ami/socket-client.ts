// Child process: read the feed server's bytes from a loopback TCP socket and
// parse them, with our frame parser ('ours') or with asterisk-manager
// ('asterisk-manager', counting its 'managerevent' emits). Time runs from
// connect to the end of the stream; both sides decode UTF-8 the same way.
import { connect } from 'node:net';
import Manager from 'asterisk-manager';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import { childMain, reply } from '../lib/child';
import { nowMs } from '../lib/stats';

function viaOurParser(port: number): Promise<{ events: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const parser = new AmiFrameParser();
    let events = 0;
    let start = 0;
    const socket = connect(port, '127.0.0.1', () => (start = nowMs()));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      for (const message of parser.push(chunk)) if (message.event !== undefined) events++;
    });
    socket.on('error', reject);
    socket.on('end', () => resolve({ events, ms: nowMs() - start }));
  });
}

function viaAsteriskManager(port: number): Promise<{ events: number; ms: number }> {
  return new Promise((resolve) => {
    let events = 0;
    let start = 0;
    const manager = Manager(port, '127.0.0.1', 'bench', 'bench', true);
    manager.on('connect', () => (start = nowMs()));
    manager.on('managerevent', () => events++);
    // Its emits hop through process.nextTick: those queued by the last chunk run before setImmediate.
    manager.on('end', () => setImmediate(() => resolve({ events, ms: nowMs() - start })));
  });
}

childMain(async () => {
  const [which, portText] = process.argv.slice(2);
  const port = Number(portText);
  const result = which === 'asterisk-manager' ? await viaAsteriskManager(port) : await viaOurParser(port);
  reply({ type: 'result', ...result });
});
