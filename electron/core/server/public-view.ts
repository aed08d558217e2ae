import type { Role } from '../contract';
import type { Alert } from '../contract/alerts';
import type { Connection, LiveUpdate, Snapshot } from '../contract/model';

/**
 * What a read-only client (the TV on the LAN, anyone without the token) sees of the
 * live model: queues, agents, calls and whether each link is up — not where the
 * links go (AMI hosts, vendor-API URLs, the receiver's address) nor the history
 * jobs (export and import file names), nor who acknowledged an alert. Operators see everything.
 */
export function snapshotFor(snapshot: Snapshot, role: Role): Snapshot {
  if (role === 'act') return snapshot;
  return { ...snapshot, connections: snapshot.connections.map(publicConnection), alerts: (snapshot.alerts ?? []).map(publicAlert) };
}

/** The update as `role` may see it; undefined = not for this client. */
export function updateFor(update: LiveUpdate, role: Role): LiveUpdate | undefined {
  if (role === 'act') return update;
  switch (update.kind) {
    case 'job':
      return undefined;
    case 'connection':
      return { kind: 'connection', connection: publicConnection(update.connection) };
    case 'reset':
      return { kind: 'reset', snapshot: snapshotFor(update.snapshot, role) };
    case 'alerts':
      return { kind: 'alerts', alerts: update.alerts.map(publicAlert) };
    default:
      return update;
  }
}

function publicConnection({ id, kind, state, since }: Connection): Connection {
  return { id, kind, state, since, target: '' };
}

/** Who acknowledged an alert (an operator's name and address) is the operators' business. */
function publicAlert({ acknowledgedBy: _who, ...alert }: Alert): Alert {
  return alert;
}
