import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { formatAction } from '../../../electron/core/ami/message';

/** A bare AMI client over a real socket: collects every message the server sends. */
export class TestAmiClient {
  readonly messages: AmiMessage[] = [];
  private waiters: Array<() => void> = [];
  private constructor(readonly socket: Socket) {}

  static async open(port: number): Promise<TestAmiClient> {
    const socket = connect(port, '127.0.0.1');
    const client = new TestAmiClient(socket);
    const parser = new AmiFrameParser();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      client.messages.push(...parser.push(chunk));
      for (const w of client.waiters.splice(0)) w();
    });
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    return client;
  }

  send(fields: Record<string, string>): void {
    this.socket.write(formatAction(fields));
  }

  async waitFor(predicate: (m: AmiMessage) => boolean): Promise<AmiMessage> {
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Send an action and collect its reply (and list items up to `...Complete`). */
  async action(fields: Record<string, string>): Promise<AmiMessage[]> {
    const id = fields.ActionID ?? `t-${Math.random().toString(36).slice(2)}`;
    this.send({ ...fields, ActionID: id });
    const first = await this.waitFor((m) => m.actionid === id && m.response !== undefined);
    if (first.eventlist !== 'start') return [first];
    await this.waitFor((m) => m.actionid === id && m.eventlist === 'Complete');
    return this.messages.filter((m) => m.actionid === id);
  }

  close(): void {
    this.socket.destroy();
  }
}
