import type { Role } from '@contract';

/**
 * The renderer's link to the Callboard core, as opposed to the core's links to
 * the PBX (those are `Connection`s in the live model). The UI shows the two
 * separately: "disconnected from Callboard core" is our problem, "PBX
 * disconnected" is the PBX's.
 */
export type CoreLinkState = 'connecting' | 'open' | 'closed';

export interface CoreLinkStatus {
  state: CoreLinkState;
  /** When the link entered this state (UTC ms). */
  since: number;
  /** Next reconnect attempt (UTC ms) while closed. */
  retryAt?: number;
  /** What the core allows this client; the WebSocket `hello` frame, `act` on the desktop. */
  role: Role;
}

export type CoreLinkListener = (status: CoreLinkStatus) => void;

/** A tiny observable value: the current status, plus change notifications. */
export class CoreLinkSignal {
  private status: CoreLinkStatus;
  private readonly listeners = new Set<CoreLinkListener>();

  constructor(initial: CoreLinkStatus) {
    this.status = initial;
  }

  get current(): CoreLinkStatus {
    return this.status;
  }

  set(patch: Partial<CoreLinkStatus>): void {
    const next = { ...this.status, ...patch };
    if (patch.state && patch.state !== this.status.state) next.since = Date.now();
    this.status = next;
    for (const listener of this.listeners) listener(next);
  }

  watch(listener: CoreLinkListener): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }
}
