// Child process: read the feed server's bytes from a loopback TCP socket and
// parse them, with our frame parser ('ours'), with bare asterisk-manager
// ('asterisk-manager', counting its 'managerevent' emits), or through the path the
// console runs ('live': AmiClient over asterisk-manager, its VarSet filter, and
// AmiLiveReducer.apply into a LiveModel). Time runs from connect to the end of the stream.
import { connect } from 'node:net';
import Manager from 'asterisk-manager';
import { AmiClient } from '../../electron/core/ami/client';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import { AmiLiveReducer } from '../../electron/core/live/ami-reducer';
import { LiveModel } from '../../electron/core/live/model';
import { childMain, reply } from '../lib/child';
import { nowMs } from '../lib/stats';

function viaOurParser(port: number): Promise<{ events: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const parser = new AmiFrameParser();
    let events = 0;
    let start = 0;
    const socket = connect(port, '127.0.0.1', () => {
      start = nowMs();
      socket.write('Action: Login\r\nUsername: bench\r\nSecret: bench\r\nActionID: 1\r\n\r\n');
    });
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

function viaLivePath(port: number): Promise<{ events: number; ms: number }> {
  return new Promise((resolve) => {
    const model = new LiveModel();
    const reducer = new AmiLiveReducer(model);
    const client = new AmiClient({ host: '127.0.0.1', port, username: 'bench', secret: 'bench', pingIntervalMs: 0 });
    let applied = 0;
    let start = 0;
    client.subscribe({
      connecting: () => (start = nowMs()),
      event: (message) => {
        applied++;
        reducer.apply(message, Date.now());
      },
      disconnected: () => {
        const ms = nowMs() - start;
        client.stop();
        // Events the filter dropped were read too: count them as asterisk-manager counts them.
        resolve({ events: applied + client.droppedVarSets, ms });
      },
    });
    client.start();
  });
}

childMain(async () => {
  const [which, portText] = process.argv.slice(2);
  const port = Number(portText);
  const result = which === 'asterisk-manager' ? await viaAsteriskManager(port) : which === 'live' ? await viaLivePath(port) : await viaOurParser(port);
  reply({ type: 'result', ...result });
});
