import type { AuditSubject } from '../contract/methods/actions';
import type { LiveModel } from '../live/model';
import { findExtension, legOfExtension } from './live-targets';

/**
 * Who an action was about, in the words the audit log shows: the caller's
 * number and the agent's extension and name. Taken before the action runs
 * (a hung-up call is gone after), kept with the audit row's params as `about`,
 * so the log names people long after the call ids mean nothing.
 */
export function auditSubject(model: LiveModel, target: { extension?: string; callId?: string }): AuditSubject | undefined {
  const subject: AuditSubject = {};
  let callId = target.callId;
  if (target.extension !== undefined) {
    const extension = findExtension(model, target.extension);
    const name = agentNameOf(model, target.extension);
    if (name) subject.agentName = name;
    if (extension && callId === undefined) callId = legOfExtension(model, extension)?.callId;
  }
  const call = callId === undefined ? undefined : model.calls.get(callId);
  if (call) {
    if (call.callerNum) subject.caller = call.callerNum;
    if (target.extension === undefined && call.agent) {
      subject.agent = call.agent;
      const name = agentNameOf(model, call.agent);
      if (name) subject.agentName = name;
    }
  }
  return Object.keys(subject).length > 0 ? subject : undefined;
}

/** The extension's own name, else the name it has as a queue member (as the agent grid shows it). */
function agentNameOf(model: LiveModel, id: string): string | undefined {
  const own = model.extensions.get(id)?.name;
  if (own) return own;
  for (const queue of model.queues.values()) {
    const name = queue.members.find((member) => member.extension === id)?.name;
    if (name) return name;
  }
  return undefined;
}
