// Child process: the reference for event-to-screen latency. A bare HTTP + ws
// server whose page sets `data-status` of one agent-card element to what it
// receives; probes are sent on the WebSocket the moment the parent asks. Same
// probe protocol and the same observer as the demo PBX run (pbx-child.ts).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { childMain, reply, type ChildMessage } from '../lib/child';
import { probeStatus } from './probe';

const PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title><div id="card" data-testid="agent-card-probe" data-status="available">probe</div><script>
const ws = new WebSocket('ws://' + location.host + '/ws');
ws.onmessage = (event) => { const card = document.getElementById('card'); card.setAttribute('data-status', event.data); card.textContent = event.data; };
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
  process.on('message', (message: ChildMessage) => {
    if (message.type !== 'probe') return;
    const n = Number(message.n);
    for (const client of wss.clients) client.send(probeStatus(n));
    reply({ type: 'probed', n, at: Date.now() });
  });
  reply({ type: 'ready', url: `http://127.0.0.1:${address.port}/` });
  return async () => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
});
