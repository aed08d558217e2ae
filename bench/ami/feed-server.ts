// Child process: a fake AMI port that sends the corpus to every client, then
// closes. What the client writes (asterisk-manager's Login) is read and ignored.
import { createServer } from 'node:net';
import { childMain, reply } from '../lib/child';
import { buildAmiCorpus } from './corpus';

childMain(async () => {
  const corpus = buildAmiCorpus(Number(process.argv[2] ?? 100 * 1024 * 1024));
  const server = createServer((socket) => {
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.end(corpus);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  reply({ type: 'ready', port: address.port, bytes: corpus.length });
});
