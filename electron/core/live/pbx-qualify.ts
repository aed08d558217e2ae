import { qualifiedId, type Call, type CallRecord, type Extension, type IvrStep, type Notice, type Queue, type QueueAttempt } from '../contract';

// One PBX's entities as the shared model and the history hold them when several
// PBXs share a console (contract/pbx-ids.ts): every id that another PBX could
// also use gets the PBX's prefix. Channel names, devices and interfaces stay the
// PBX's own: they only ever travel back to that PBX, through its actions.

export function qualifyExtension(pbx: string, extension: Extension): Extension {
  return { ...extension, pbx, id: qualifiedId(pbx, extension.id) };
}

export function qualifyCall(pbx: string, call: Call): Call {
  const out: Call = { ...call, pbx, id: qualifiedId(pbx, call.id) };
  if (call.agent !== undefined) out.agent = qualifiedId(pbx, call.agent);
  if (call.ringingAgents) out.ringingAgents = call.ringingAgents.map((agent) => qualifiedId(pbx, agent));
  if (call.queue !== undefined) out.queue = qualifiedId(pbx, call.queue);
  if (call.observedCallId !== undefined) out.observedCallId = qualifiedId(pbx, call.observedCallId);
  return out;
}

export function qualifyQueue(pbx: string, queue: Queue): Queue {
  return {
    ...queue,
    pbx,
    name: qualifiedId(pbx, queue.name),
    members: queue.members.map((member) => ({ ...member, extension: qualifiedId(pbx, member.extension) })),
    callers: queue.callers.map((caller) => ({ ...caller, callId: qualifiedId(pbx, caller.callId) })),
  };
}

/** A bound of one PBX's part of the model reached: one notice per PBX, saying which. */
export function qualifyNotice(pbx: string, notice: Notice): Notice {
  return { ...notice, id: qualifiedId(pbx, notice.id), params: { ...notice.params, pbx }, message: `PBX ${pbx}: ${notice.message}` };
}

export function qualifyCallRecord(pbx: string, record: CallRecord): CallRecord {
  const out: CallRecord = { ...record, uniqueid: qualifiedId(pbx, record.uniqueid) };
  if (record.queue !== undefined) out.queue = qualifiedId(pbx, record.queue);
  if (record.agent !== undefined) out.agent = qualifiedId(pbx, record.agent);
  if (record.observedUniqueid !== undefined) out.observedUniqueid = qualifiedId(pbx, record.observedUniqueid);
  return out;
}

export function qualifyAttempt(pbx: string, attempt: QueueAttempt): QueueAttempt {
  const out: QueueAttempt = { ...attempt, callId: qualifiedId(pbx, attempt.callId), queue: qualifiedId(pbx, attempt.queue) };
  if (attempt.agent !== undefined) out.agent = qualifiedId(pbx, attempt.agent);
  return out;
}

export function qualifyIvrStep(pbx: string, step: IvrStep): IvrStep {
  return { ...step, uniqueid: qualifiedId(pbx, step.uniqueid) };
}

/** The PBX's own id of `id`, when `id` is of `pbx`. */
function localOf(pbx: string, id: string): string | undefined {
  const prefix = qualifiedId(pbx, '');
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

/** The reverse of qualifyAttempt, for the passes of `pbx` the ledger kept open across a restart; others' are skipped. */
export function localAttempt(pbx: string, attempt: QueueAttempt): QueueAttempt | undefined {
  const callId = localOf(pbx, attempt.callId);
  if (callId === undefined) return undefined;
  const out: QueueAttempt = { ...attempt, callId, queue: localOf(pbx, attempt.queue) ?? attempt.queue };
  if (attempt.agent !== undefined) out.agent = localOf(pbx, attempt.agent) ?? attempt.agent;
  return out;
}

/** The reverse of qualifyCallRecord: a shared PostgreSQL history keeps each PBX's calls under the PBX's name and own ids. */
export function localCallRecord(pbx: string, record: CallRecord): CallRecord | undefined {
  const uniqueid = localOf(pbx, record.uniqueid);
  if (uniqueid === undefined) return undefined;
  const out: CallRecord = { ...record, uniqueid };
  if (record.queue !== undefined) out.queue = localOf(pbx, record.queue) ?? record.queue;
  if (record.agent !== undefined) out.agent = localOf(pbx, record.agent) ?? record.agent;
  if (record.observedUniqueid !== undefined) out.observedUniqueid = localOf(pbx, record.observedUniqueid) ?? record.observedUniqueid;
  return out;
}

/** The reverse of qualifyIvrStep; another PBX's step is undefined. */
export function localIvrStep(pbx: string, step: IvrStep): IvrStep | undefined {
  const uniqueid = localOf(pbx, step.uniqueid);
  return uniqueid === undefined ? undefined : { ...step, uniqueid };
}
