import type { Expected } from './truth-fixtures';
import { extensionOfAgent } from './truth-fixtures';

// Per-agent numbers read straight from a scenario's own PBX files, not through our code:
// queue answers and talk from the queue_log lines, transfers received from the CDR legs.

export interface TruthAgent {
  /** CONNECT lines naming the agent. */
  answered: number;
  /** talktime of the calls the agent answered: COMPLETE* data2, BLINDTRANSFER data4, ATTENDEDTRANSFER its second-to-last field. */
  talk: number;
  /** ANSWERED CDR legs of a queue call to another agent than the one CONNECT named. */
  transfersReceived: number;
  /** billsec of those legs. */
  transferBillsec: number;
}

/** queue_log: `epoch|callid|queue|agent|EVENT|data1|data2|...` */
export function agentsOfQueueLog(queueLog: string, cdr: Expected['cdr']): Map<string, TruthAgent> {
  const agents = new Map<string, TruthAgent>();
  const of = (agent: string) => {
    let entry = agents.get(agent);
    if (!entry) agents.set(agent, (entry = { answered: 0, talk: 0, transfersReceived: 0, transferBillsec: 0 }));
    return entry;
  };
  const connected = new Map<string, string>();
  for (const line of queueLog.split('\n').filter((l) => l.trim() !== '')) {
    const [, callId = '', , agentField = '', event = '', ...data] = line.trim().split('|');
    const agent = agentField === 'NONE' ? undefined : extensionOfAgent(agentField);
    if (agent === undefined) continue;
    if (event === 'CONNECT') {
      connected.set(callId, agent);
      of(agent).answered += 1;
    } else if (event === 'COMPLETECALLER' || event === 'COMPLETEAGENT') of(agent).talk += Number(data[1]);
    else if (event === 'BLINDTRANSFER') of(agent).talk += Number(data[3]);
    else if (event === 'ATTENDEDTRANSFER') of(agent).talk += Number(data.at(-2));
  }
  for (const [callId, answeredBy] of connected) {
    for (const leg of cdr[callId] ?? []) {
      const target = /^SIP\/(\w+)-/.exec(leg.dstchannel)?.[1];
      if (leg.disposition !== 'ANSWERED' || target === undefined || target === answeredBy) continue;
      of(target).transfersReceived += 1;
      of(target).transferBillsec += leg.billsec;
    }
  }
  return agents;
}
