import type { Pbx } from '../pbx';
import type { Channel, QueueStats } from '../pbx-state';
import { varSet } from '../ami/events';
import type { AmiHeaders } from '../ami/wire';

/** queues.conf `setqueuevar = yes`: the ten QUEUE* variables, in app_queue's order. */
export function queueVarSets(ch: Channel, queue: QueueStats): AmiHeaders[] {
  const done = queue.completed + queue.abandoned;
  const perf = done === 0 ? 0 : (100 * queue.serviceLevelCalls) / done;
  return [
    varSet(ch, 'QUEUENAME', queue.name),
    varSet(ch, 'QUEUEMAX', '0'),
    varSet(ch, 'QUEUESTRATEGY', queue.strategy),
    varSet(ch, 'QUEUECALLS', String(queue.waiting.length)),
    varSet(ch, 'QUEUEHOLDTIME', String(Math.round(queue.holdTimeAvg))),
    varSet(ch, 'QUEUETALKTIME', String(Math.round(queue.talkTimeAvg))),
    varSet(ch, 'QUEUECOMPLETED', String(queue.completed)),
    varSet(ch, 'QUEUEABANDONED', String(queue.abandoned)),
    varSet(ch, 'QUEUESRVLEVEL', '60'),
    varSet(ch, 'QUEUESRVLEVELPERF', perf.toFixed(1)),
  ];
}

export function emitAll(pbx: Pbx, events: AmiHeaders[]): void {
  for (const event of events) pbx.emit(event);
}

/** chan_sip sets RTPAUDIOQOS* when a call's RTP stops (s02 #140-159, s03 #125-129). */
export const RTP_QOS_VARS = ['RTPAUDIOQOS', 'RTPAUDIOQOSJITTER', 'RTPAUDIOQOSLOSS', 'RTPAUDIOQOSRTT', 'RTPAUDIOQOSMES'];

export function rtpQosValue(variable: string): string {
  switch (variable) {
    case 'RTPAUDIOQOS': return 'ssrc=1487762166;themssrc=3390111744;lp=0;rxjitter=0.000000;rxcount=455;txjitter=0.000625;txcount=454;rlp=0;rtt=0.000000;rxmes=0.000000;txmes=88.087887';
    case 'RTPAUDIOQOSJITTER': return 'minrxjitter=000.000125;maxrxjitter=000.003500;avgrxjitter=000.000660;stdevrxjitter=000.000508;';
    case 'RTPAUDIOQOSLOSS': return '  minrxlost=000.000000;  maxrxlost=000.000000;  avgrxlost=000.000000;  stdevrxlost=000.000000;';
    case 'RTPAUDIOQOSRTT': return '     minrtt=000.000000;     maxrtt=000.000000;     avgrtt=000.000000;     stdevrtt=000.000000;';
    default: return '   minrxmes=088.087887;   maxrxmes=088.087887;   avgrxmes=088.087887;   stdevrxmes=000.000000;';
  }
}
