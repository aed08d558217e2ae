import type { QueueAttempt } from '../contract/figures';
import type { AgentInterval, CallDetail, IvrStep, TimelineStep } from '../contract/history';
import type { Db } from './database';
import { rowToCall } from './call-row';
import { rowToAttempt } from './queue-call-row';

// One call's story for the detail page: the stored record, its IVR nodes (ivr pushes),
// the agent intervals tied to it (rings to each agent, talk) or overlapping it (the
// answering agent's pauses and wrap-up), turned into a time-ordered timeline. Phases the
// journal lacks are derived from the record's seconds (cc_cdr ivrTime, queueTime, ringTime...).

function toInterval(row: Record<string, unknown>): AgentInterval {
  const interval: AgentInterval = { id: row.id as number, agent: row.agent as string, kind: row.kind as AgentInterval['kind'], startAt: row.start_at as number };
  if (row.queue !== null) interval.queue = row.queue as string;
  if (row.reason !== null) interval.reason = row.reason as string;
  if (row.call_uniqueid !== null) interval.uniqueid = row.call_uniqueid as string;
  if (row.end_at !== null) interval.endAt = row.end_at as number;
  return interval;
}

/** An `ivr_steps` row (SELECT *) back to the contract's IvrStep. */
export function toIvrStep(row: Record<string, unknown>): IvrStep {
  const step: IvrStep = { uniqueid: row.call_uniqueid as string, ivrId: row.ivr_id as string, startAt: row.start_at as number };
  if (row.ivr_name !== null) step.ivrName = row.ivr_name as string;
  if (row.dtmf !== null) step.dtmf = row.dtmf as string;
  if (row.end_at !== null) step.endAt = row.end_at as number;
  return step;
}

/** The IVR nodes one call went through (vendor `ivr` pushes), in order. */
export function ivrStepsOf(db: Db, uniqueid: string): IvrStep[] {
  return (db.prepare('SELECT * FROM ivr_steps WHERE call_uniqueid = ? ORDER BY start_at, id').all(uniqueid) as Record<string, unknown>[]).map(toIvrStep);
}

export function callDetail(db: Db, uniqueid: string): CallDetail | undefined {
  const row = db.prepare('SELECT * FROM calls WHERE uniqueid = ?').get(uniqueid) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const call = rowToCall(row);
  const ivrSteps = ivrStepsOf(db, uniqueid);
  const windowEnd = call.endedAt + call.wrapupSeconds * 1000;
  const intervalRows = db
    .prepare(`SELECT * FROM agent_intervals WHERE call_uniqueid = ?
      UNION SELECT * FROM agent_intervals WHERE agent = ? AND start_at < ? AND ifnull(end_at, ?) > ? AND kind IN ('pause', 'wrapup')
      ORDER BY start_at, id`)
    .all(uniqueid, call.agent ?? '', windowEnd, windowEnd, call.startedAt) as Record<string, unknown>[];
  const agentIntervals = joinOverlapping(intervalRows.map(toInterval));
  const passes = (db.prepare('SELECT * FROM queue_calls WHERE call_uniqueid = ? ORDER BY seq').all(uniqueid) as Record<string, unknown>[]).map(rowToAttempt);
  return { call, ivrSteps, agentIntervals, timeline: buildTimeline(call, ivrSteps, agentIntervals, passes) };
}

/**
 * One interval for each stretch of one agent's state: consoles of a shared history each see the
 * same ring or pause (store/migrations/013), at moments a little apart. Joined as the reports join them.
 */
export function joinOverlapping(intervals: readonly AgentInterval[]): AgentInterval[] {
  const keyOf = (interval: AgentInterval) => [interval.agent, interval.kind, interval.queue ?? '', interval.reason ?? '', interval.uniqueid ?? ''].join('\u0000');
  const joined: AgentInterval[] = [];
  const lastOf = new Map<string, AgentInterval>();
  for (const interval of intervals) {
    const key = keyOf(interval);
    const last = lastOf.get(key);
    if (last && (last.endAt === undefined || interval.startAt <= last.endAt)) {
      if (last.endAt !== undefined) {
        if (interval.endAt === undefined) delete last.endAt;
        else last.endAt = Math.max(last.endAt, interval.endAt);
      }
      continue;
    }
    const copy = { ...interval };
    joined.push(copy);
    lastOf.set(key, copy);
  }
  return joined;
}

/** Order of steps that share an instant: how a call unfolds. */
const stepOrder: Record<TimelineStep['kind'], number> = { start: 0, ivr: 1, queue: 2, ring: 3, talk: 4, hold: 5, agentState: 6, hangup: 7, wrapup: 8 };

/** How long a pass waited (ms): its wait as the figures count it, else up to its connect or end; undefined while it waits. */
function waitOf(pass: QueueAttempt): number | undefined {
  if (pass.waitSeconds !== undefined) return pass.waitSeconds * 1000;
  const end = pass.connectedAt ?? pass.endedAt;
  return end === undefined ? undefined : end - pass.enteredAt;
}

export function buildTimeline(call: CallDetail['call'], ivrSteps: IvrStep[], intervals: AgentInterval[], passes: readonly QueueAttempt[] = []): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const start: TimelineStep = { kind: 'start', at: call.startedAt, callerNum: call.callerNum, calledNum: call.calledNum };
  if (call.trunkNumber) start.trunkNumber = call.trunkNumber;
  steps.push(start);
  let cursor = call.startedAt;
  for (const step of ivrSteps) {
    const ivr: TimelineStep = { kind: 'ivr', at: step.startAt, ivrId: step.ivrId };
    if (step.endAt !== undefined) ivr.until = step.endAt;
    if (step.ivrName) ivr.ivrName = step.ivrName;
    if (step.dtmf) ivr.dtmf = step.dtmf;
    steps.push(ivr);
    cursor = Math.max(cursor, step.endAt ?? step.startAt);
  }
  if (ivrSteps.length === 0 && call.ivrId) {
    // Only cc_cdr's last node is known: ivrId/ivrName/ivrDtmf with ivrTime seconds.
    const ivr: TimelineStep = { kind: 'ivr', at: call.startedAt, until: call.startedAt + call.ivrSeconds * 1000, ivrId: call.ivrId };
    if (call.ivrName) ivr.ivrName = call.ivrName;
    if (call.ivrDtmf) ivr.dtmf = call.ivrDtmf;
    steps.push(ivr);
    cursor = ivr.until!;
  }
  // Queues come after the IVR seconds the record states, named node or not.
  cursor = Math.max(cursor, call.startedAt + call.ivrSeconds * 1000);
  let queuedAt: number | undefined;
  for (const pass of passes) {
    // Never before the IVR or the previous pass: AMI stamps a pass with the console's clock, a cc_cdr the call with the PBX's.
    const at = Math.max(pass.enteredAt, cursor);
    const wait = waitOf(pass);
    steps.push({ kind: 'queue', at, ...(wait !== undefined ? { until: at + wait } : {}), queue: pass.queue, outcome: pass.outcome });
    queuedAt = at;
    cursor = at + (wait ?? 0);
  }
  if (passes.length === 0 && call.queue) {
    // No pass in the ledger (a push-only call): the record's queue seconds.
    steps.push({ kind: 'queue', at: cursor, until: cursor + call.queueSeconds * 1000, queue: call.queue });
    queuedAt = cursor;
    cursor += call.queueSeconds * 1000;
  }
  const rings = intervals.filter((interval) => interval.kind === 'ring' && interval.uniqueid === call.uniqueid);
  for (const ring of rings) steps.push({ kind: 'ring', at: ring.startAt, until: ring.endAt ?? ring.startAt, agent: ring.agent });
  const answeredAt = call.answeredAt ?? (call.isAnswered ? cursor : undefined);
  if (rings.length === 0 && call.agent && call.ringSeconds > 0) {
    const ringEnd = answeredAt ?? Math.max(cursor, call.startedAt + call.ringSeconds * 1000);
    // The agent rang while the caller waited: not before the queue, whose whole seconds may come from another clock.
    const ringStart = Math.min(ringEnd, Math.max(ringEnd - call.ringSeconds * 1000, queuedAt ?? Number.NEGATIVE_INFINITY));
    steps.push({ kind: 'ring', at: ringStart, until: ringEnd, agent: call.agent });
  }
  if (answeredAt !== undefined && call.isAnswered) {
    const talk: TimelineStep = { kind: 'talk', at: answeredAt, until: Math.min(call.endedAt, answeredAt + (call.talkSeconds + call.holdSeconds) * 1000) };
    if (call.agent) talk.agent = call.agent;
    steps.push(talk);
    if (call.holdSeconds > 0) steps.push({ kind: 'hold', at: answeredAt, seconds: call.holdSeconds });
  }
  for (const interval of intervals) {
    if (interval.kind !== 'pause' && interval.kind !== 'login') continue;
    const state: TimelineStep = { kind: 'agentState', at: interval.startAt, agent: interval.agent, state: interval.kind };
    if (interval.endAt !== undefined) state.until = interval.endAt;
    if (interval.reason) state.reason = interval.reason;
    steps.push(state);
  }
  const hangup: TimelineStep = { kind: 'hangup', at: call.endedAt };
  if (call.hangupSide) hangup.side = call.hangupSide;
  if (call.hangupCause) hangup.cause = call.hangupCause;
  if (call.cdrState) hangup.cdrState = call.cdrState;
  if (call.missCause) hangup.missCause = call.missCause;
  steps.push(hangup);
  const wrapup = intervals.find((interval) => interval.kind === 'wrapup' && interval.agent === call.agent);
  if (wrapup) steps.push({ kind: 'wrapup', at: wrapup.startAt, until: wrapup.endAt ?? wrapup.startAt, agent: wrapup.agent });
  else if (call.wrapupSeconds > 0) steps.push({ kind: 'wrapup', at: call.endedAt, until: call.endedAt + call.wrapupSeconds * 1000, ...(call.agent ? { agent: call.agent } : {}) });
  return steps.sort((a, b) => a.at - b.at || stepOrder[a.kind] - stepOrder[b.kind]);
}
