// Run by detach.test.ts in a child `node --expose-gc --import tsx`: cuts messages out of one large socket
// chunk the way a parser does (split gives slices that point into the chunk), keeps the messages, drops the
// chunk, collects garbage and prints how much heap stayed behind. argv[2] is 'detach' or 'keep'.
import { detachFromChunk, type AmiMessage } from '../../../electron/core/ami/message';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

function cut(): AmiMessage[] {
  // A flat on-heap string of ≈ 4 MB, like a chunk the socket delivered.
  const chunk = Array.from({ length: 120_000 }, (_, i) => `Uniqueid: 1795487808.${i}\r\nCallerIDName: Caller 0611${i}\r\n`).join('');
  const lines = chunk.split('\r\n');
  const messages: AmiMessage[] = [];
  for (let i = 0; i < lines.length - 1; i += 400) {
    const value = lines[i]!.slice(lines[i]!.indexOf(': ') + 2);
    const message: AmiMessage = { event: 'Newchannel', uniqueid: value, output: [lines[i + 1]!], chanvariable: { MONFILE: lines[i]! } };
    messages.push(process.argv[2] === 'detach' ? detachFromChunk(message) : message);
  }
  return messages;
}

const before = heap();
const kept = cut();
const retained = heap() - before;
console.log(JSON.stringify({ retained, messages: kept.length }));
