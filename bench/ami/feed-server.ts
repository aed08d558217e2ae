// Child process: a fake AMI port that answers the client's Login (as Asterisk does,
// with its ActionID), sends the corpus, then closes. Every client gets the same bytes.
import { createServer } from 'node:net';
import { childMain, reply } from '../lib/child';
import { buildAmiCorpus } from './corpus';

childMain(async () => {
  const corpus = buildAmiCorpus(Number(process.argv[2] ?? 100 * 1024 * 1024));
  const server = createServer((socket) => {
    let received = '';
    let isAnswered = false;
    socket.on('data', (chunk) => {
      if (isAnswered) return;
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      isAnswered = true;
      const actionId = /^ActionID: *(.*)$/im.exec(received)?.[1]?.trim() ?? '';
      socket.write(`Response: Success\r\nActionID: ${actionId}\r\nMessage: Authentication accepted\r\n\r\n`);
      socket.end(corpus);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  reply({ type: 'ready', port: address.port, bytes: corpus.length });
});
