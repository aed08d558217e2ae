import { transferSegmentSeconds } from '../contract/agent-figures';
import type { TransferRow, TransfersReply, TransfersRequest } from '../contract/distributions';
import type { CallTransferKind } from '../contract/history';
import { localHourStart } from '../base/time-zone';
import { creditedTransferTarget, transferTargetAgent } from './agent-performance';
import type { Db } from './database';
import { hourRange, MAX_REPORT_ROWS } from './queue-reports';

// The transfers report: who transferred customer calls to whom in a period (widened to whole
// local hours, as the agent figures are), read from the call rows as the per-agent figures
// read them, so a target's transfers here add up to their "transfers in".

interface TransferCallRow {
  agent: string | null;
  queue: string | null;
  transfer_kind: string | null;
  transfer_to: string;
  transfer_at: number | null;
  ended_at: number;
}

const kinds: readonly CallTransferKind[] = ['blind', 'attended', 'redirect'];

export function transfersReport(db: Db, request: TransfersRequest, maxRows = MAX_REPORT_ROWS): TransfersReply {
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const wanted = request.agents && request.agents.length > 0 ? new Set(request.agents) : undefined;
  const rows = new Map<string, TransferRow>();
  const select = db.prepare(`SELECT agent, queue, transfer_kind, transfer_to, transfer_at, ended_at FROM calls
    WHERE call_class = 'customer' AND started_at >= ? AND started_at < ? AND transfer_to IS NOT NULL`);
  for (const call of select.iterate(localHourStart(fromHour, timeZone), localHourStart(toHour, timeZone)) as Iterable<TransferCallRow>) {
    const to = creditedTransferTarget(call) ?? '';
    // The queue call's own member named as the target is no transfer between agents.
    if (to === '' && transferTargetAgent(call.transfer_to) !== undefined) continue;
    const from = call.agent ?? '';
    if (wanted && !wanted.has(from) && !wanted.has(to)) continue;
    const kind = kinds.find((k) => k === call.transfer_kind) ?? '';
    const key = `${from}\u0000${to}\u0000${kind}`;
    let row = rows.get(key);
    if (!row) {
      if (rows.size >= maxRows) throw new Error(`this transfers report would have more than ${maxRows} rows: choose a shorter range or fewer agents`);
      rows.set(key, (row = { from, to, kind, transfers: 0, timed: 0, talkAfterSeconds: 0 }));
    }
    row.transfers += 1;
    // An imported queue_log transfer is stamped at the call's end: no talk after it is known.
    if (call.transfer_at !== null && call.ended_at > call.transfer_at) {
      row.timed += 1;
      row.talkAfterSeconds += transferSegmentSeconds(call.transfer_at, call.ended_at);
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  return { rows: [...rows.values()].sort((a, b) => byName(a.from, b.from) || byName(a.to, b.to) || a.kind.localeCompare(b.kind)), timeZone };
}
