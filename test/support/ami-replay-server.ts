// A real TCP AMI endpoint that replays a recorded transcript (test/fixtures/ami/*.ami).
// Frames without ActionID are live events (and OriginateResponse, which Asterisk broadcasts): streamed right after a successful
// Login. Frames with a recorded ActionID (rig-N) answer the action the .md notes say
// rig-N was; when a client sends an action with the same fields, it gets those
// frames with its own ActionID. Unrecorded list actions get an empty list.
import { createServer, type Server, type Socket } from 'node:net';

export interface ReplayScript {
  /** Transcript bytes: banner line, then CRLF frames. */
  transcript: string;
  /** The sNN_*.md notes (their SEND log maps rig-N ActionIDs to actions). */
  notes?: string;
}

export interface AmiReplayServerOptions {
  script: ReplayScript;
  username?: string;
  secret?: string;
  /** 'silent': accept connections and never send a byte (login timeout tests). */
  mode?: 'normal' | 'silent';
  /** Stream only the first N live events (then stay connected, quiet). */
  liveEventLimit?: number;
  /** Actions answered `Response: Error / Invalid/unknown command` (e.g. SIPpeers without chan_sip). */
  unknownActions?: string[];
  /** Actions that get no answer at all (e.g. Ping, to test the keep-alive). */
  unansweredActions?: string[];
  /** Write the stream in chunks of this many bytes (exercises frame reassembly). */
  chunkSize?: number;
}

type Fields = Record<string, string>;

interface Recording {
  banner: string;
  liveFrames: string[];
  /** Recorded answers: the action's fields (lower-case keys, no actionid) and its frames. */
  answers: { fields: Fields; frames: string[] }[];
}

/** List actions a peer answers with an empty list: action → its Complete event. */
export const emptyLists: Record<string, string> = {
  coreshowchannels: 'CoreShowChannelsComplete',
  extensionstatelist: 'ExtensionStateListComplete',
  sippeers: 'PeerlistComplete',
  pjsipshowendpoints: 'EndpointListComplete',
  queuestatus: 'QueueStatusComplete',
  queuesummary: 'QueueSummaryComplete',
  status: 'StatusComplete',
};

export function parseFields(frame: string): Fields {
  const fields: Fields = {};
  for (const line of frame.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** rig-N → the action fields from the notes' SEND log. */
function sentActions(notes: string): Map<string, Fields> {
  const actions = new Map<string, Fields>();
  for (const block of notes.split(/\] SEND\n/).slice(1)) {
    const fields = parseFields(block.split(/\n\s*\n/)[0] ?? '');
    if (fields.actionid) actions.set(fields.actionid, fields);
  }
  return actions;
}

export function loadRecording(script: ReplayScript): Recording {
  const text = script.transcript;
  const eol = text.indexOf('\r\n');
  const banner = text.slice(0, eol);
  const frames = text.slice(eol + 2).split('\r\n\r\n').filter((f) => f.trim().length > 0);
  const sent = sentActions(script.notes ?? '');
  const liveFrames: string[] = [];
  const byId = new Map<string, string[]>();
  for (const frame of frames) {
    const id = /^ActionID: (.*)$/im.exec(frame)?.[1];
    // Asterisk broadcasts OriginateResponse to every session allowed to read calls, not only the one that asked.
    if (id === undefined || frame.startsWith('Event: OriginateResponse')) liveFrames.push(frame);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), frame]);
  }
  const answers: Recording['answers'] = [];
  for (const [id, answerFrames] of byId) {
    const fields = sent.get(id);
    if (!fields) continue;
    const { actionid: _ignored, ...rest } = fields;
    answers.push({ fields: rest, frames: answerFrames });
  }
  return { banner, liveFrames, answers };
}

export class AmiReplayServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private recording: Recording;
  /** Every action received (lower-case keys), in order. */
  readonly received: Fields[] = [];
  connectionCount = 0;

  private constructor(private options: AmiReplayServerOptions) {
    this.recording = loadRecording(options.script);
    this.server = createServer((socket) => this.onConnection(socket));
  }

  static async start(options: AmiReplayServerOptions, port = 0): Promise<AmiReplayServer> {
    const replay = new AmiReplayServer(options);
    await new Promise<void>((resolve, reject) => {
      replay.server.once('error', reject);
      replay.server.listen(port, '127.0.0.1', () => resolve());
    });
    return replay;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Later connections replay another transcript (a PBX that changed while we were away). */
  setScript(script: ReplayScript, changes: Partial<AmiReplayServerOptions> = {}): void {
    this.options = { ...this.options, ...changes, script };
    this.recording = loadRecording(script);
  }

  /** Kill every client connection, as a crashed PBX or a cut cable would. */
  dropClients(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    this.connectionCount++;
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (this.options.mode === 'silent') return;
    const recording = this.recording;
    const options = this.options;
    let isLoggedIn = false;
    let pending = '';
    socket.write(`${recording.banner}\r\n`);
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const fields = parseFields(pending.slice(0, end));
        pending = pending.slice(end + 4);
        this.received.push(fields);
        if (options.unansweredActions?.some((a) => a.toLowerCase() === fields.action?.toLowerCase())) continue;
        const reply = this.answer(fields, recording, options, isLoggedIn);
        if (fields.action?.toLowerCase() === 'login' && /^Response: Success/.test(reply)) {
          isLoggedIn = true;
          const live = recording.liveFrames.slice(0, options.liveEventLimit ?? recording.liveFrames.length);
          this.write(socket, reply + live.map((f) => `${f}\r\n\r\n`).join(''), options.chunkSize);
        } else {
          this.write(socket, reply, options.chunkSize);
        }
        if (fields.action?.toLowerCase() === 'logoff') socket.end();
      }
    });
  }

  private answer(fields: Fields, recording: Recording, options: AmiReplayServerOptions, isLoggedIn: boolean): string {
    const id = fields.actionid ?? '';
    const action = (fields.action ?? '').toLowerCase();
    const frame = (...lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;
    if (action === 'login') {
      const isAccepted = fields.username === (options.username ?? 'admin') && fields.secret === (options.secret ?? 'amp111');
      return isAccepted
        ? frame('Response: Success', `ActionID: ${id}`, 'Message: Authentication accepted')
        : frame('Response: Error', `ActionID: ${id}`, 'Message: Authentication failed');
    }
    if (!isLoggedIn) return frame('Response: Error', `ActionID: ${id}`, 'Message: Permission denied');
    if (action === 'logoff') return frame('Response: Goodbye', `ActionID: ${id}`, 'Message: Thanks for all the fish.');
    if (action === 'ping') return frame('Response: Success', `ActionID: ${id}`, 'Ping: Pong', 'Timestamp: 0.000000');
    if (options.unknownActions?.some((a) => a.toLowerCase() === action)) {
      return frame('Response: Error', `ActionID: ${id}`, 'Message: Invalid/unknown command');
    }
    const { actionid: _ignored, ...request } = fields;
    const recorded = recording.answers.find((a) => sameFields(a.fields, request));
    if (recorded) return recorded.frames.map((f) => `${f.replace(/^ActionID: .*$/im, `ActionID: ${id}`)}\r\n\r\n`).join('');
    const complete = emptyLists[action];
    if (complete) {
      return (
        frame('Response: Success', `ActionID: ${id}`, 'EventList: start', 'Message: List will follow') +
        frame(`Event: ${complete}`, `ActionID: ${id}`, 'EventList: Complete', 'ListItems: 0')
      );
    }
    if (action === 'dbgettree') return frame('Response: Error', `ActionID: ${id}`, 'Message: Database entry not found');
    return frame('Response: Error', `ActionID: ${id}`, 'Message: Invalid/unknown command');
  }

  private write(socket: Socket, text: string, chunkSize: number | undefined): void {
    if (!chunkSize) {
      socket.write(text, 'latin1');
      return;
    }
    for (let i = 0; i < text.length; i += chunkSize) socket.write(text.slice(i, i + chunkSize), 'latin1');
  }
}

function sameFields(recorded: Fields, request: Fields): boolean {
  const keys = Object.keys(recorded);
  if (keys.length !== Object.keys(request).length) return false;
  return keys.every((key) => (key === 'action' ? recorded[key]?.toLowerCase() === request[key]?.toLowerCase() : recorded[key] === request[key]));
}
