// A hostile AMI peer on 127.0.0.1: greets with the recorded banner, accepts
// Login like the transcripts do, then does what the connection's plan says —
// floods an endless header line, floods headers without ever an empty line,
// answers Command with a frame of an exact size, or floods the live model with
// things opened and never closed (answering the snapshot's lists, empty, on the way).
import { createServer, type Server, type Socket } from 'node:net';
import { emptyLists, parseFields } from '../support/ami-replay-server';
import { modelFloodFrames, type ModelFloodOptions } from '../support/model-flood';
import { fixtureText } from '../core/live/replay-fixture';

export type PeerPlan =
  /** After Login: `Event: Flood` and one header line that never ends. */
  | 'endless-line'
  /** After Login: `Event: Flood` and header after header, never an empty line. */
  | 'endless-headers'
  /** Before answering Login: one endless line right after the banner. */
  | 'endless-line-before-login'
  /** After Login: answer `Action: Command` with `Command: <form> <bytes>` by a frame of exactly that many bytes. */
  | 'answer-commands'
  /** Right after Login: the model flood (`modelFlood` of start()), then quiet; list actions get empty lists, behind what was already sent. */
  | 'model-flood';

export interface PeerConnection {
  plan: PeerPlan;
  /** Bytes handed to the socket (banner and answers included), frozen when it closed. */
  written: number;
  isClosed: boolean;
}

/** The first line of a real transcript: "Asterisk Call Manager/9.0.0". */
const BANNER = fixtureText('s04_pause_members').split('\r\n')[0] ?? '';
const PIECE_BYTES = 64 * 1024;

export class FloodingAmiPeer {
  readonly connections: PeerConnection[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  /** `plans[n]` is what the n-th connection does (the last plan repeats); a flood stops at `capBytes`. */
  private constructor(
    private readonly plans: PeerPlan[],
    private readonly capBytes: number,
    private readonly modelFlood: ModelFloodOptions | undefined,
  ) {
    this.server = createServer((socket) => this.onConnection(socket));
  }

  static async start(plans: PeerPlan[], capBytes: number, modelFlood?: ModelFloodOptions): Promise<FloodingAmiPeer> {
    const peer = new FloodingAmiPeer(plans, capBytes, modelFlood);
    await new Promise<void>((resolve, reject) => {
      peer.server.once('error', reject);
      peer.server.listen(0, '127.0.0.1', () => resolve());
    });
    return peer;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: Socket): void {
    const plan = this.plans[Math.min(this.connections.length, this.plans.length - 1)] ?? 'answer-commands';
    const connection: PeerConnection = { plan, written: 0, isClosed: false };
    this.connections.push(connection);
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.isClosed = true;
      this.sockets.delete(socket);
    });
    const write = (text: string): boolean => {
      if (connection.isClosed) return false;
      connection.written += Buffer.byteLength(text);
      return socket.write(text);
    };
    write(`${BANNER}\r\n`);
    if (plan === 'endless-line-before-login') return this.flood(socket, connection, write, endlessLine());
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const fields = parseFields(pending.slice(0, end));
        pending = pending.slice(end + 4);
        const id = fields.actionid ?? '';
        const action = fields.action?.toLowerCase();
        if (action === 'login') {
          write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
          if (plan === 'endless-line') this.flood(socket, connection, write, endlessLine());
          if (plan === 'endless-headers') this.flood(socket, connection, write, endlessHeaders());
          if (plan === 'model-flood') this.flood(socket, connection, write, modelFloodFrames(this.modelFlood ?? { events: 0, hugeEvery: 0, hugeChars: 0 }));
        } else if (action && emptyLists[action]) {
          write(`Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: List will follow\r\n\r\n`);
          write(`Event: ${emptyLists[action]}\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n`);
        } else if (action === 'dbgettree') {
          write(`Response: Error\r\nActionID: ${id}\r\nMessage: Database entry not found\r\n\r\n`);
        } else if (action === 'command') {
          const [form, bytes] = (fields.command ?? '').split(' ');
          write(form === 'follows' ? followsAnswer(id, Number(bytes)) : outputAnswer(id, Number(bytes)));
        }
      }
    });
  }

  /** Write pieces as fast as the socket drains them, until it closes, the pieces end or the cap is reached. */
  private flood(socket: Socket, connection: PeerConnection, write: (text: string) => boolean, pieces: Iterator<string>): void {
    const pump = (): void => {
      while (!connection.isClosed && connection.written < this.capBytes) {
        const piece = pieces.next();
        if (piece.done) return;
        if (!write(piece.value)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }
}

function* endlessLine(): Iterator<string> {
  yield 'Event: Flood\r\nPayload: ';
  const piece = 'x'.repeat(PIECE_BYTES);
  for (;;) yield piece;
}

function* endlessHeaders(): Iterator<string> {
  yield 'Event: Flood\r\n';
  for (let n = 0; ; ) {
    let piece = '';
    while (piece.length < PIECE_BYTES) piece += `Header${n++}: ${'v'.repeat(40)}\r\n`;
    yield piece;
  }
}

/** `Response: Success` + `Output:` lines, exactly `bytes` long with its empty line (bytes ≥ 200). */
export function outputAnswer(actionId: string, bytes: number): string {
  const head = `Response: Success\r\nActionID: ${actionId}\r\nMessage: Command output follows\r\n`;
  return head + paddedLines(bytes - head.length - 2, 'Output: ', '\r\n') + '\r\n';
}

/** Old Asterisk's `Response: Follows` … `--END COMMAND--`, exactly `bytes` long with its empty line. */
export function followsAnswer(actionId: string, bytes: number): string {
  const head = `Response: Follows\r\nPrivilege: Command\r\nActionID: ${actionId}\r\n`;
  const tail = '--END COMMAND--\r\n\r\n';
  return head + paddedLines(bytes - head.length - tail.length, 'line ', '\n') + tail;
}

/** Lines `prefix…eol` of 80 bytes, the last one padded so that the whole is exactly `bytes`. */
function paddedLines(bytes: number, prefix: string, eol: string): string {
  const fixed = prefix.length + eol.length;
  const line = `${prefix}${'o'.repeat(80 - fixed)}${eol}`;
  const count = Math.floor((bytes - fixed - 1) / line.length);
  return line.repeat(count) + `${prefix}${'p'.repeat(bytes - count * line.length - fixed)}${eol}`;
}
