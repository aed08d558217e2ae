import Manager from 'asterisk-manager';
import { connectBounded } from './bounded-connect';
import { AmiError, amiErrorFromSocket } from './errors';
import { DEFAULT_MAX_FRAME_BYTES } from './frame-bound';
import { header, headerList, messageChars, type AmiMessage } from './message';

export type AmiActionFields = Record<string, string | number | boolean | undefined | Record<string, string>>;

export interface AmiListResult {
  response: AmiMessage;
  items: AmiMessage[];
  /** True when the list ended with its `...Complete` event (EventList: Complete). */
  complete: boolean;
}

export interface AmiSessionOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Limit for the TCP connect + banner + Login answer. */
  loginTimeoutMs: number;
  /** Limit for one action's answer (a list: its Complete event). */
  actionTimeoutMs: number;
  /**
   * Longest frame (or endless line) accepted from the peer, in bytes (default
   * 1 MiB, like AmiFrameParser); past it the connection is dropped with
   * AmiError('frame_too_large'). asterisk-manager buffers an unfinished frame
   * without limit; see frame-bound.ts.
   */
  maxFrameBytes?: number;
}

interface PendingAction {
  resolve(message: AmiMessage): void;
  reject(error: AmiError): void;
  timer: NodeJS.Timeout;
  /** Set for list actions: items are collected until the event with `EventList: Complete`. */
  list?: { response?: AmiMessage; items: AmiMessage[]; chars: number; finish(result: AmiListResult): void };
  isCommand: boolean;
}

let sessionCounter = 0;

/**
 * One list answer (CoreShowChannels, QueueStatus…) holds at most this much: a large PBX
 * lists tens of thousands of items of a few hundred characters; a peer that never ends
 * its list fails the action instead of filling memory.
 */
export const MAX_LIST_ITEMS = 200_000;
export const MAX_LIST_CHARS = 64 * 1024 * 1024;

/**
 * One logged-in AMI connection over `asterisk-manager`. We listen to its
 * `rawevent` stream (every parsed frame, synchronously, in wire order) and do
 * our own ActionID matching: its per-ActionID emits also fire for events that
 * carry a `Response:` header (OriginateResponse) and hop through nextTick.
 * List items carry the list's ActionID; they are never handed out as live
 * events (ExtensionStateList items are named `ExtensionStatus` like the live event).
 */
export class AmiSession {
  private readonly manager: ReturnType<typeof Manager>;
  private readonly pending = new Map<string, PendingAction>();
  private readonly idPrefix = `cb${++sessionCounter}-`;
  private nextId = 1;
  private isOpen = false;
  private closeListeners: ((error: AmiError) => void)[] = [];

  private constructor(
    private readonly options: AmiSessionOptions,
    private readonly onEvent: (message: AmiMessage) => void,
  ) {
    this.manager = Manager(undefined, options.host, options.username, options.secret, true);
  }

  /** Connect and log in; rejects with AmiError auth_failed / refused / timeout. */
  static open(options: AmiSessionOptions, onEvent: (message: AmiMessage) => void): Promise<AmiSession> {
    const session = new AmiSession(options, onEvent);
    return session.login().then(() => session);
  }

  get isConnected(): boolean {
    return this.isOpen;
  }

  /** Called once when the logged-in session ends (peer closed, error, or close()). */
  onClose(listener: (error: AmiError) => void): void {
    this.closeListeners.push(listener);
  }

  private login(): Promise<void> {
    const { manager, options } = this;
    return new Promise<void>((resolve, reject) => {
      let isSettled = false;
      const fail = (error: AmiError): void => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        this.teardown(error);
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new AmiError('timeout', `no AMI banner/Login answer within ${options.loginTimeoutMs} ms`)),
        options.loginTimeoutMs,
      );
      manager.on('rawevent', (message: AmiMessage) => this.dispatch(message));
      manager.on('error', (error: NodeJS.ErrnoException) => {
        const amiError = amiErrorFromSocket(error);
        if (!isSettled) fail(amiError);
        else this.teardown(amiError);
      });
      manager.on('close', () => {
        if (!isSettled) fail(new AmiError('closed', 'AMI peer closed the connection during login'));
        else this.teardown(new AmiError('closed', 'AMI connection closed'));
      });
      const onOversize = (error: AmiError): void => {
        if (!isSettled) fail(error);
        else this.teardown(error);
      };
      const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
      const socket = connectBounded(manager, options, maxFrameBytes, onOversize, (error) => {
        if (error) return fail(amiErrorFromSocket(error));
        manager.login((answer) => {
          if (answer) return fail(new AmiError('auth_failed', header(answer as AmiMessage, 'message') || 'Authentication failed'));
          if (isSettled) return;
          isSettled = true;
          clearTimeout(timer);
          this.isOpen = true;
          resolve();
        });
      });
      if (!socket) fail(new AmiError('socket', 'no AMI socket to bound (asterisk-manager did not connect through net.connect)'));
    });
  }

  /** Send one action; resolves with its Response (Success or Error alike — check `response`). */
  action(fields: AmiActionFields): Promise<AmiMessage> {
    return this.send(fields, undefined, false);
  }

  /** Send a list action and collect its items until the `...Complete` event. */
  listAction(fields: AmiActionFields): Promise<AmiListResult> {
    return new Promise<AmiListResult>((resolve, reject) => {
      const list = { items: [] as AmiMessage[], chars: 0, finish: resolve } as NonNullable<PendingAction['list']>;
      this.send(fields, list, false).catch(reject);
    });
  }

  /**
   * Run a CLI command. Asterisk ≥ 14 answers `Response: Success` + one `Output:`
   * header per line; older ones `Response: Follows` + raw text up to `--END COMMAND--`.
   */
  async command(command: string): Promise<string[]> {
    const answer = await this.send({ Action: 'Command', Command: command }, undefined, true);
    if (header(answer, 'response').toLowerCase() === 'error') {
      throw new AmiError('socket', header(answer, 'message') || 'Command failed');
    }
    if (typeof answer.content === 'string') return followsContentLines(answer.content);
    return headerList(answer, 'output');
  }

  /** Close the session; `reason` is what close listeners are told (default: closed by us). */
  close(reason: AmiError = new AmiError('closed', 'AMI session closed by us')): void {
    this.teardown(reason);
  }

  private send(fields: AmiActionFields, list: PendingAction['list'], isCommand: boolean): Promise<AmiMessage> {
    if (!this.isOpen) return Promise.reject(new AmiError('not_connected', 'AMI is not connected'));
    const id = `${this.idPrefix}${this.nextId++}`;
    return new Promise<AmiMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AmiError('timeout', `no answer to ${String(fields.Action ?? fields.action)} within ${this.options.actionTimeoutMs} ms`));
      }, this.options.actionTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, list, isCommand });
      // asterisk-manager deletes `actionid` from the object it is given: pass a copy.
      this.manager.action({ ...fields, actionid: id }, noop);
    });
  }

  private dispatch(message: AmiMessage): void {
    const actionId = typeof message.actionid === 'string' ? message.actionid : undefined;
    const pending = actionId !== undefined ? this.pending.get(actionId) : this.followsWithoutId(message);
    if (pending) {
      this.answer(actionId, pending, message);
      return;
    }
    // Empty objects are asterisk-manager's way of reporting stray blank lines.
    if (message.event !== undefined) this.onEvent(message);
  }

  /** Old `Response: Follows` answers may lack ActionID: give them to the oldest waiting command. */
  private followsWithoutId(message: AmiMessage): PendingAction | undefined {
    if (message.response !== 'follows') return undefined;
    for (const pending of this.pending.values()) if (pending.isCommand) return pending;
    return undefined;
  }

  private answer(actionId: string | undefined, pending: PendingAction, message: AmiMessage): void {
    const { list } = pending;
    const finish = (): void => {
      clearTimeout(pending.timer);
      for (const [id, entry] of this.pending) if (entry === pending) this.pending.delete(id);
    };
    if (!list) {
      // An event sharing a plain action's ActionID (e.g. OriginateResponse) is a live event.
      if (message.event !== undefined && actionId !== undefined) return this.onEvent(message);
      finish();
      return pending.resolve(message);
    }
    if (message.event === undefined) {
      list.response = message;
      // An Error answer (or a Success without EventList) ends the list right away.
      const isListStart = header(message, 'eventlist').toLowerCase() === 'start';
      const isError = header(message, 'response').toLowerCase() === 'error';
      if (isError || !isListStart) {
        finish();
        list.finish({ response: message, items: list.items, complete: false });
      }
      return;
    }
    if (header(message, 'eventlist').toLowerCase() === 'complete') {
      finish();
      list.finish({ response: list.response ?? message, items: list.items, complete: true });
      return;
    }
    list.items.push(message);
    list.chars += messageChars(message);
    if (list.items.length > MAX_LIST_ITEMS || list.chars > MAX_LIST_CHARS) {
      finish();
      pending.reject(new AmiError('list_too_large', `the answer to a list action passed ${list.items.length} items (${list.chars} characters) without ending`));
    }
  }

  private teardown(error: AmiError): void {
    const wasOpen = this.isOpen;
    this.isOpen = false;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    this.manager.removeAllListeners('rawevent');
    this.manager.removeAllListeners('close');
    // Keep a no-op error listener: a late socket error must not become an uncaught exception.
    this.manager.removeAllListeners('error');
    this.manager.on('error', noop);
    this.manager.disconnect();
    if (wasOpen) {
      const listeners = this.closeListeners;
      this.closeListeners = [];
      for (const listener of listeners) listener(error);
    }
  }
}

function noop(): void {}

/** Output lines of a `Response: Follows` body, without the header lines Asterisk put before them. */
function followsContentLines(content: string): string[] {
  const lines = content.split(/\r?\n/);
  let start = 0;
  while (start < lines.length && /^(response|privilege|actionid|message): /i.test(lines[start] ?? '')) start++;
  const body = lines.slice(start);
  while (body.length > 0 && (body[body.length - 1] === '' || body[body.length - 1] === '--END COMMAND--')) body.pop();
  return body;
}
