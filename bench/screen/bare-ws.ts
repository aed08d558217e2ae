// Child process: the reference for event-to-screen latency. A bare HTTP + ws
// server whose page sets `data-status` of one agent-card element to what each
// probe frame says; probes are sent on the WebSocket the moment the parent
// asks. Same probe protocol and the same observer as the demo PBX run
// (pbx-child.ts). Frames are JSON, decoded by the page like the console's.
//   {type:'probe', n}                  → {t:'probe', status} to every client now; answers {type:'probed', n, at}
//   {type:'broadcast', perSecond, bytes} → from now on, that many frames a second of about that
//                                        many bytes to every client, each serialized once (fanout bench)
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { childMain, reply, type ChildMessage } from '../lib/child';
import { probeStatus } from './probe';

const PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title><div id="card" data-testid="agent-card-probe" data-status="available">probe</div><script>
const ws = new WebSocket('ws://' + location.host + '/ws');
ws.onmessage = (event) => {
  const frame = JSON.parse(event.data);
  if (frame.t !== 'probe') return;
  const card = document.getElementById('card'); card.setAttribute('data-status', frame.status); card.textContent = frame.status;
};
</script>`;

childMain(async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const broadcast = (text: string) => {
    for (const client of wss.clients) client.send(text);
  };
  let ticker: NodeJS.Timeout | undefined;
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'probe') {
      const n = Number(message.n);
      broadcast(JSON.stringify({ t: 'probe', status: probeStatus(n) }));
      reply({ type: 'probed', n, at: Date.now() });
    } else if (message.type === 'broadcast') {
      if (ticker) clearInterval(ticker);
      const pad = 'x'.repeat(Math.max(0, Number(message.bytes) - 60));
      let seq = 0;
      ticker = setInterval(() => broadcast(JSON.stringify({ t: 'live', updates: [{ kind: 'filler', seq: ++seq, pad }] })), 1000 / Number(message.perSecond));
    }
  });
  reply({ type: 'ready', url: `http://127.0.0.1:${address.port}/` });
  return async () => {
    if (ticker) clearInterval(ticker);
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
});
