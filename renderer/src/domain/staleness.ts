import type { Connection, ConnectionKind, ConnectionState } from '@contract';
import type { CoreLinkState } from '../api/link-status';
import { formatSiteTime } from './site-time';

/**
 * When the live data on screen stops being live. Two links feed it: the
 * console's own link to the core, and the core's links to the PBX (AMI, the
 * vendor API's poll). While either is down the model holds what was last
 * known: timers must stop at that moment instead of ticking on as if live.
 */

/** Connections the live model is read from; the push gateway and receiver are not. */
const feedKinds: ReadonlySet<ConnectionKind> = new Set(['ami', 'coocenter']);
/** A feed in these states is not keeping the model current (resyncing: the model is being read again). */
const downStates: ReadonlySet<ConnectionState> = new Set(['lost', 'connecting', 'resyncing']);

export interface LiveLinks {
  coreLink: { state: CoreLinkState; since: number };
  connections: readonly Connection[];
  /** Nothing can be stale before the first snapshot: there is nothing on screen yet. */
  hasSnapshot: boolean;
}

export function isFeedDown(connection: Connection): boolean {
  return feedKinds.has(connection.kind) && downStates.has(connection.state);
}

/**
 * The moment the data went stale, or undefined while it is live. `previous`
 * is the last answer: an outage that changes form (PBX lost, then the core
 * link too; the link's closed → connecting → closed retries) keeps its first moment.
 */
export function nextStaleSince(previous: number | undefined, links: LiveLinks): number | undefined {
  if (!links.hasSnapshot) return undefined;
  const candidates: number[] = [];
  if (links.coreLink.state !== 'open') candidates.push(links.coreLink.since);
  for (const connection of links.connections) if (isFeedDown(connection)) candidates.push(connection.since);
  if (candidates.length === 0) return undefined;
  return previous ?? Math.min(...candidates);
}

/** The clock timers read: the real one while live, the moment the data went stale otherwise. */
export function liveClock(now: number, staleSince: number | undefined): number {
  return staleSince === undefined ? now : Math.min(now, staleSince);
}

/** hh:mm:ss in the PBX's zone (the browser's when the core has not said). */
export function lastKnownTime(at: number, locale: string, timeZone: string | undefined): string {
  return formatSiteTime(at, locale, timeZone, 'time');
}
