import { appendFileSync } from 'node:fs';
import type { Pbx } from './pbx';
import { eventName, type AmiHeaders } from './ami/wire';

// The demo PBX's queue_log, in Asterisk's format (`epoch|callid|queue|agent|EVENT|data…`,
// log_membername_as_agent=yes), written from the same values its app_queue events carry,
// as Asterisk's app_queue writes both: the console's figures over a long simulated day
// can then be held against the PBX's own log, like the truth captures of a real Asterisk.

const get = (event: AmiHeaders, name: string): string => event.find(([key]) => key === name)?.[1] ?? '';

/** Lines, in order, for one app_queue AMI event (none for the others). */
export function queueLogLinesOf(event: AmiHeaders, epoch: number, positions: Map<string, string>): string[] {
  const line = (agent: string, verb: string, ...data: string[]) =>
    [String(epoch), get(event, 'Uniqueid'), get(event, 'Queue'), agent || 'NONE', verb, ...data].join('|');
  const uniqueid = get(event, 'Uniqueid');
  switch (eventName(event)) {
    case 'QueueCallerJoin':
      positions.set(uniqueid, get(event, 'Position'));
      return [line('NONE', 'ENTERQUEUE', '', get(event, 'CallerIDNum'), get(event, 'Position'))];
    case 'AgentRingNoAnswer':
      return [line(get(event, 'MemberName'), 'RINGNOANSWER', get(event, 'RingTime'))];
    case 'AgentConnect':
      return [line(get(event, 'MemberName'), 'CONNECT', get(event, 'HoldTime'), get(event, 'DestUniqueid'), get(event, 'RingTime'))];
    case 'AgentComplete': {
      const position = positions.get(uniqueid) ?? '1';
      positions.delete(uniqueid);
      const [hold, talk, agent] = [get(event, 'HoldTime'), get(event, 'TalkTime'), get(event, 'MemberName')];
      // The demo's transfers end the agent's part at once (Reason transfer): a bridge transfer in queue_log terms.
      if (get(event, 'Reason') === 'transfer') return [line(agent, 'BLINDTRANSFER', '', 'internal', hold, talk, position)];
      return [line(agent, get(event, 'Reason') === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER', hold, talk, position)];
    }
    case 'QueueCallerAbandon':
      positions.delete(uniqueid);
      return [line('NONE', 'ABANDON', get(event, 'Position'), get(event, 'OriginalPosition'), get(event, 'HoldTime'))];
    default:
      return [];
  }
}

/** Appends the PBX's queue_log lines to `file` as its events happen. */
export function writeQueueLog(pbx: Pbx, file: string): () => void {
  const positions = new Map<string, string>();
  return pbx.onAmiEvent((event) => {
    const lines = queueLogLinesOf(event, Math.floor(pbx.now() / 1000), positions);
    if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`);
  });
}
