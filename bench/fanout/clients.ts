// Child process: read-only WebSocket clients, as many TVs on the LAN would be.
//   argv: ws URL, how many
// Each decodes every frame as the console does (renderer/src/api/websocket-bridge.ts:
// JSON.parse, then its live updates) and counts frames, bytes and updates.
//   → {type:'ready', open} once every client is open
//   {type:'reset'} → counters to zero (the measuring window starts)
//   {type:'stats'} → {type:'stats', frames, bytes, updates, open, closed, undecodable, seconds}
import WebSocket from 'ws';
import { childMain, reply, type ChildMessage } from '../lib/child';
import { nowMs } from '../lib/stats';

/** Opened this many at a time, as TVs switched on together would. */
const OPENING_AT_ONCE = 50;

interface ServerFrameLike {
  t?: string;
  updates?: unknown[];
}

childMain(async () => {
  const [url = '', countText = '0'] = process.argv.slice(2);
  const count = Number(countText);
  const clients: WebSocket[] = [];
  let frames = 0;
  let bytes = 0;
  let updates = 0;
  let closed = 0;
  let undecodable = 0;
  let since = nowMs();
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      clients.push(ws);
      ws.on('message', (data: Buffer) => {
        frames++;
        bytes += data.length;
        let frame: ServerFrameLike;
        try {
          frame = JSON.parse(data.toString()) as ServerFrameLike;
        } catch {
          undecodable++;
          return;
        }
        if (frame.t === 'live') updates += frame.updates?.length ?? 0;
      });
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => closed++);
    });
  for (let opened = 0; opened < count; opened += OPENING_AT_ONCE) {
    await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, count - opened) }, open));
  }
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'reset') {
      [frames, bytes, updates, undecodable, since] = [0, 0, 0, 0, nowMs()];
    } else if (message.type === 'stats') {
      const isOpen = clients.filter((ws) => ws.readyState === WebSocket.OPEN).length;
      reply({ type: 'stats', frames, bytes, updates, open: isOpen, closed, undecodable, seconds: (nowMs() - since) / 1000 });
    }
  });
  reply({ type: 'ready', open: clients.length });
  return () => {
    for (const ws of clients) ws.terminate();
  };
});
