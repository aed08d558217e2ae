import { channelEvent, newexten } from '../ami/events';
import type { InboundCall } from './inbound-call';
import { cancelRinging, leaveQueue } from './queue-outcome';
import { dialFromCaller } from './transfer';

// AMI Redirect of a caller still waiting in a queue. Asterisk's Redirect is an async
// goto: app_queue sees its wait interrupted as a hang-up of the caller, records the
// pass as abandoned (QueueCallerAbandon, queue_log ABANDON) and leaves the queue
// (QueueCallerLeave); the channel then runs the dialplan at internal,<exten>,1
// (pbx-conf extensions.conf): `_63[0-2]` goes to [queues] and joins that queue
// (QueueCallerJoin), `_80X` dials the extension, which rings and answers.

export function redirectFromQueue(call: InboundCall, exten: string): void {
  if (call.isOver) return;
  const { pbx, caller, queue } = call;
  call.ringTimer?.cancel();
  call.patienceTimer?.cancel();
  caller.onRedirect = undefined;
  pbx.emit(channelEvent('MusicOnHoldStop', 'call,all', caller));
  cancelRinging(call);
  const position = queue.waiting.findIndex((w) => w.channel === caller) + 1;
  pbx.emit(channelEvent('QueueCallerAbandon', 'agent,all', caller, [
    ['Queue', queue.name], ['Position', String(position)], ['OriginalPosition', String(position)],
    ['HoldTime', String(Math.round((pbx.now() - call.joinedAt) / 1000))],
  ]));
  queue.abandoned++;
  leaveQueue(call, position);

  Object.assign(caller, { context: 'internal', exten, priority: 1 });
  const next = pbx.state.queues.get(exten);
  if (next) {
    pbx.emit(newexten(caller, 'Goto', `queues,${exten},1`));
    call.joinQueue(next);
    return;
  }
  pbx.emit(newexten(caller, 'NoOp', `Internal call ${caller.callerIdNum} -> ${exten}`));
  caller.priority = 2;
  pbx.emit(newexten(caller, 'Dial', `SIP/${exten},30,tT`));
  // From here a hang-up of the caller ends the direct call, not a queue wait.
  caller.onHangupRequest = () => call.endTalk?.('caller');
  const agent = pbx.state.agents.get(exten);
  if (agent) call.pickedUpBy = agent;
  dialFromCaller(call, exten, pbx.now() + call.plan.talkMs);
}
