import { backoffDelayMs, defaultBackoff, type BackoffOptions } from './backoff';
import { AmiError } from './errors';
import { detachFromChunk, varSetName, type AmiMessage } from './message';
import { AmiSession, type AmiActionFields, type AmiListResult } from './session';

export interface AmiClientOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  loginTimeoutMs?: number;
  actionTimeoutMs?: number;
  /** Longest frame accepted from the PBX (default 1 MiB); past it: frame_too_large, reconnect. */
  maxFrameBytes?: number;
  /** Keep-alive: a Ping every this many ms; a missing Pong drops the session (and reconnects). 0 = off. */
  pingIntervalMs?: number;
  backoff?: BackoffOptions;
  /**
   * A session must stay up this long before the backoff starts again from its first
   * delay (default 60 s): a PBX that accepts the login and drops it at once is not
   * hammered at the shortest delay for ever.
   */
  stableAfterMs?: number;
  /** Clock for stableAfterMs (tests). */
  now?: () => number;
  /** VarSet is most of a busy PBX's traffic; only these variables get through (upper-case names). */
  keptVariables?: Iterable<string>;
  random?: () => number;
}

export interface AmiClientListener {
  /** A live event (never a list item, never a response). */
  event?(message: AmiMessage): void;
  /** Logged in; `attempt` counts failed tries before this one. */
  connected?(): void;
  /** A connect/login attempt failed or a session ended; `retryInMs` is when the next try is scheduled. */
  disconnected?(error: AmiError, retryInMs: number | undefined): void;
  connecting?(attempt: number): void;
}

/** VarSets the live model reads: the recording, the DID, why Queue() returned, and the tags of supervisor sessions. */
export const defaultKeptVariables = ['MIXMONITOR_FILENAME', 'MONFILE', 'QUEUE_DID', 'QUEUESTATUS', 'CALLBOARD_SESSION', 'CLICK2DIAL'];

/**
 * The AMI connection Callboard keeps open: one AmiSession at a time, a
 * keep-alive Ping, and our own reconnect loop with capped exponential backoff
 * and jitter (asterisk-manager's keepConnected retries at a fixed 10 s and
 * writes to the console).
 */
export class AmiClient {
  private session: AmiSession | undefined;
  private readonly listeners = new Set<AmiClientListener>();
  private readonly keptVariables: Set<string>;
  private isRunning = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private connectedAt: number | undefined;
  /** VarSet events dropped by the filter, for diagnostics. */
  droppedVarSets = 0;

  constructor(private readonly options: AmiClientOptions) {
    this.keptVariables = new Set([...(options.keptVariables ?? defaultKeptVariables)].map((v) => v.toUpperCase()));
  }

  get isConnected(): boolean {
    return this.session?.isConnected ?? false;
  }

  subscribe(listener: AmiClientListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One connect + login, no retries: resolves when logged in, rejects with AmiError. */
  async connectOnce(): Promise<void> {
    this.session?.close();
    const session = await AmiSession.open(
      {
        host: this.options.host,
        port: this.options.port,
        username: this.options.username,
        secret: this.options.secret,
        loginTimeoutMs: this.options.loginTimeoutMs ?? 10_000,
        actionTimeoutMs: this.options.actionTimeoutMs ?? 30_000,
        maxFrameBytes: this.options.maxFrameBytes,
      },
      (message) => this.onEvent(message),
    );
    this.session = session;
    session.onClose((error) => this.onSessionClosed(session, error));
    this.startPing(session);
  }

  /** Keep connected until stop(): reconnects after every failure with backoff. */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.attempt = 0;
    void this.tryConnect();
  }

  stop(): void {
    this.isRunning = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const session = this.session;
    this.session = undefined;
    session?.close();
  }

  action(fields: AmiActionFields): Promise<AmiMessage> {
    return this.session ? this.session.action(fields) : notConnected();
  }

  listAction(fields: AmiActionFields): Promise<AmiListResult> {
    return this.session ? this.session.listAction(fields) : notConnected();
  }

  command(command: string): Promise<string[]> {
    return this.session ? this.session.command(command) : notConnected();
  }

  /** Drop the current session (e.g. a resync failed); the reconnect loop takes over. */
  dropSession(): void {
    this.session?.close();
  }

  private async tryConnect(): Promise<void> {
    if (!this.isRunning) return;
    this.emit((l) => l.connecting?.(this.attempt));
    try {
      await this.connectOnce();
    } catch (error) {
      if (!this.isRunning) return;
      this.scheduleRetry(error instanceof AmiError ? error : new AmiError('socket', String(error)));
      return;
    }
    if (!this.isRunning) {
      this.session?.close();
      return;
    }
    // Not back to the first delay yet: only once this session has proved stable (onSessionClosed).
    this.connectedAt = this.clock();
    this.emit((l) => l.connected?.());
  }

  private onSessionClosed(session: AmiSession, error: AmiError): void {
    if (this.session === session) this.session = undefined;
    clearInterval(this.pingTimer);
    if (this.connectedAt !== undefined && this.clock() - this.connectedAt >= (this.options.stableAfterMs ?? 60_000)) this.attempt = 0;
    this.connectedAt = undefined;
    if (this.isRunning) this.scheduleRetry(error);
    else this.emit((l) => l.disconnected?.(error, undefined));
  }

  private scheduleRetry(error: AmiError): void {
    const delay = backoffDelayMs(this.attempt++, this.options.backoff ?? defaultBackoff, this.options.random);
    this.emit((l) => l.disconnected?.(error, delay));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.tryConnect(), delay);
  }

  private startPing(session: AmiSession): void {
    clearInterval(this.pingTimer);
    const interval = this.options.pingIntervalMs ?? 20_000;
    if (interval <= 0) return;
    this.pingTimer = setInterval(() => {
      // No Pong within actionTimeoutMs: the peer is gone even if TCP has not noticed yet.
      session.action({ Action: 'Ping' }).catch((error: unknown) => session.close(error instanceof AmiError ? error : undefined));
    }, interval);
    this.pingTimer.unref();
  }

  private onEvent(message: AmiMessage): void {
    if (message.event === 'VarSet') {
      // `Variable: NAME` parses as a one-key record (asterisk-manager treats Variable headers as name=value).
      if (!this.keptVariables.has(varSetName(message).toUpperCase())) {
        this.droppedVarSets++;
        return;
      }
    }
    detachFromChunk(message);
    for (const listener of this.listeners) listener.event?.(message);
  }

  private clock(): number {
    return (this.options.now ?? Date.now)();
  }

  private emit(call: (listener: AmiClientListener) => void): void {
    for (const listener of this.listeners) call(listener);
  }
}

function notConnected(): Promise<never> {
  return Promise.reject(new AmiError('not_connected', 'AMI is not connected'));
}
