import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request, Agent } from 'node:http';

/** `node bin/callboard.mjs serve --no-build …` (these tests need no console) as a real child process, with its output kept and its ports read from its log. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the first capture group of `pattern` once the output matches it. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `nodeArgs` go to node itself (heap limits, preloads). */
export function startServe(args: string[], nodeArgs: string[] = []): ServeProcess {
  const child = spawn(process.execPath, [...nodeArgs, 'bin/callboard.mjs', 'serve', '--no-build', ...args], { cwd: process.cwd(), env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let text = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text);
        if (match) resolve(match[1] ?? match[0]);
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`serve exited before ${pattern}:\n${text}`));
        else waiters.push(check);
      };
      void exited.then(() => waiters.push(check) && check());
      check();
    });
  return { child, output: () => text, waitFor, exited };
}

export interface PostAnswer {
  status: number;
  body: string;
}

/** POST over a keep-alive agent (the vendor box reuses its connection). Rejects when the connection dies. */
export function postKeepAlive(agent: Agent, port: number, body: string, headers: Record<string, string> = {}): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface KilledLoad {
  /** Each push answered 200: its sequence number and the answer's body. */
  acked: { seq: number; body: string }[];
  /** Pushes that failed at the socket (after the kill). */
  failed: number;
}

/**
 * Pushes `total` bodies to `port` from 8 keep-alive connections and kills `serve` with SIGKILL
 * once `killAfter` of them were answered 200, as a box pouring events into a core that dies.
 */
export async function pushUntilKilled(serve: ServeProcess, port: number, load: { total: number; killAfter: number; bodyOf: (seq: number) => string }): Promise<KilledLoad> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const result: KilledLoad = { acked: [], failed: 0 };
  let sent = 0;
  let killed = false;
  const worker = async () => {
    while (sent < load.total) {
      const seq = sent++;
      try {
        const answer = await postKeepAlive(agent, port, load.bodyOf(seq));
        if (answer.status === 200) result.acked.push({ seq, body: answer.body });
      } catch {
        // after the kill: not acknowledged, the box would send it again
        result.failed++;
      }
      if (!killed && result.acked.length >= load.killAfter) {
        killed = true;
        serve.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  agent.destroy();
  return result;
}
