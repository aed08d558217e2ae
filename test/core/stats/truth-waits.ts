import type { Expected } from './truth-fixtures';
import { extensionOfAgent } from './truth-fixtures';

// Waits, quarters, trunks and transfers read straight from a scenario's own PBX files, not
// through our code: queue_log's CONNECT holdtime and ABANDON waittime, ENTERQUEUE times,
// and the CDR legs of the same calls.

/** Our own copy of the bands: the test states them, so a changed constant shows here. */
export const truthBands = [10, 20, 30, 60, 120];

export interface TruthWaits {
  answered: number;
  abandoned: number;
  /** [i] = answered (abandoned) with a wait ≤ truthBands[i]. */
  answeredWithin: number[];
  abandonedWithin: number[];
  /** Per quarter hour of ENTERQUEUE (UTC ms of its start): offered, answered within 20 s. */
  quarters: Map<number, { offered: number; answeredWithin20: number }>;
  /** Per trunk device of the call's first CDR leg (SIP/carrier-0000007c → SIP/carrier): queue passes. */
  trunks: Map<string, number>;
  /** `from→to`: an ANSWERED CDR leg of a queue call to another agent than the one CONNECT named. */
  transfers: Map<string, number>;
}

/** queue_log: `epoch|callid|queue|agent|EVENT|data1|data2|...` */
export function waitsOfQueueLog(queueLog: string, cdr: Expected['cdr']): TruthWaits {
  const truth: TruthWaits = {
    answered: 0, abandoned: 0, answeredWithin: truthBands.map(() => 0), abandonedWithin: truthBands.map(() => 0),
    quarters: new Map(), trunks: new Map(), transfers: new Map(),
  };
  const quarterOfCall = new Map<string, number>();
  const connected = new Map<string, string>();
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const line of queueLog.split('\n').filter((l) => l.trim() !== '')) {
    const [epoch = '', callId = '', , agentField = '', event = '', ...data] = line.trim().split('|');
    if (event === 'ENTERQUEUE') {
      const quarter = Math.floor(Number(epoch) / 900) * 900_000;
      quarterOfCall.set(callId, quarter);
      const entry = truth.quarters.get(quarter) ?? { offered: 0, answeredWithin20: 0 };
      entry.offered += 1;
      truth.quarters.set(quarter, entry);
      const channel = cdr[callId]?.[0]?.channel ?? '';
      count(truth.trunks, channel.slice(0, channel.lastIndexOf('-')));
    } else if (event === 'CONNECT') {
      const hold = Number(data[0]);
      truth.answered += 1;
      truthBands.forEach((band, i) => (truth.answeredWithin[i]! += hold <= band ? 1 : 0));
      if (hold <= 20) truth.quarters.get(quarterOfCall.get(callId)!)!.answeredWithin20 += 1;
      connected.set(callId, extensionOfAgent(agentField)!);
    } else if (event === 'ABANDON') {
      const wait = Number(data[2]);
      truth.abandoned += 1;
      truthBands.forEach((band, i) => (truth.abandonedWithin[i]! += wait <= band ? 1 : 0));
    }
  }
  for (const [callId, answeredBy] of connected) {
    for (const leg of cdr[callId] ?? []) {
      const target = /^SIP\/(\w+)-/.exec(leg.dstchannel)?.[1];
      if (leg.disposition === 'ANSWERED' && target !== undefined && target !== answeredBy) count(truth.transfers, `${answeredBy}→${target}`);
    }
  }
  return truth;
}
