import {
  defaultStatsRules, emptyTally, figuresOf,
  type Call, type Connection, type Extension, type Queue, type QueueCaller, type QueueDay, type QueueMember, type QueueTally, type Snapshot, type StatsRules,
} from '../../electron/core/contract';

// Small builders of the contract's live model: a test names what matters and the rest is a quiet default.

/** A fixed "now" the builders' times are relative to (2026-12-06 10:00 UTC). */
export const testNow = Date.UTC(2026, 11, 6, 10, 0, 0);

export function extension(id: string, parts: Partial<Extension> = {}): Extension {
  return { id, state: 'idle', statusCode: 0, stateSince: testNow - 60_000, ...parts };
}

export function member(extensionId: string, parts: Partial<QueueMember> = {}): QueueMember {
  return {
    interface: `PJSIP/${extensionId}`, extension: extensionId, name: `Agent ${extensionId}`, penalty: 0, isPaused: false,
    state: 'idle', isInCall: false, callsTaken: 0, membership: 'static', ...parts,
  };
}

export function caller(callId: string, parts: Partial<QueueCaller> = {}): QueueCaller {
  return { callId, channel: `PJSIP/carrier-${callId}`, callerNum: '13800138000', position: 1, joinedAt: testNow - 30_000, ...parts };
}

export function queue(name: string, members: QueueMember[] = [], callers: QueueCaller[] = []): Queue {
  return { name, strategy: 'ringall', members, callers };
}

export function call(id: string, parts: Partial<Call> = {}): Call {
  return {
    id, direction: 'inbound', callClass: 'customer', state: 'talking', callerNum: '13800138000', calledNum: '4008001234',
    startedAt: testNow - 90_000, answeredAt: testNow - 60_000, holdSeconds: 0, channels: [], ...parts,
  };
}

export function connection(id: string, parts: Partial<Connection> = {}): Connection {
  return { id, kind: 'ami', target: '10.0.0.5:5038', state: 'connected', since: testNow - 3_600_000, ...parts };
}

/** A queue's day counted by the contract's own figuresOf from a tally: the figures are the core's arithmetic, not typed in. */
export function queueDay(queueName: string, tally: Partial<QueueTally> = {}, rules: StatsRules = defaultStatsRules): QueueDay {
  return { queue: queueName, day: '2026-12-06', timeZone: 'Asia/Shanghai', rules, figures: figuresOf({ ...emptyTally(), ...tally }, rules), hours: [] };
}

export function snapshot(parts: Partial<Snapshot> = {}): Snapshot {
  return { at: testNow, extensions: [], calls: [], queues: [], connections: [], notices: [], days: [], alerts: [], ...parts };
}
