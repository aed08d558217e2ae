import type { Queue } from '../contract';

/** What a wallboard shows per queue, derived from the live Queue (no extra state). */
export interface QueueSummary {
  waiting: number;
  longestWaitSeconds: number;
  /** Members in the queue (static members count as logged in). */
  loggedIn: number;
  paused: number;
  /** Not paused and on a call (InCall, or device in use/busy/on hold). */
  busy: number;
  /** Not paused, not on a call, device ringing. */
  ringing: number;
  /** Not paused, device idle: can take the next caller. */
  available: number;
  /** Device unavailable or unknown (phone unregistered). */
  unavailable: number;
}

export function summarizeQueue(queue: Queue, now: number): QueueSummary {
  const summary: QueueSummary = { waiting: queue.callers.length, longestWaitSeconds: 0, loggedIn: queue.members.length, paused: 0, busy: 0, ringing: 0, available: 0, unavailable: 0 };
  for (const caller of queue.callers) {
    summary.longestWaitSeconds = Math.max(summary.longestWaitSeconds, Math.floor((now - caller.joinedAt) / 1000));
  }
  for (const member of queue.members) {
    if (member.isPaused) summary.paused++;
    else if (member.state === 'unavailable' || member.state === 'unknown') summary.unavailable++;
    else if (member.isInCall || member.state === 'inuse' || member.state === 'busy' || member.state === 'onhold' || member.state === 'inuse_onhold' || member.state === 'ringinuse') summary.busy++;
    else if (member.state === 'ringing') summary.ringing++;
    else summary.available++;
  }
  return summary;
}
