import { agentFiguresOf, emptyAgentTally, transferSegmentSeconds, type AgentPerformanceReply, type AgentPerformanceRequest, type AgentTally } from '../contract/agent-figures';
import { DEFAULT_TIME_ZONE, localHourOf, localHourStart } from '../base/time-zone';
import type { PauseReason } from '../contract/methods/settings';
import { defaultPauseReasons } from '../contract/pause-reasons';
import { agentStateBreakdown } from './agent-state-report';
import type { Db } from './database';
import { queueReport } from './queue-reports';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// Per-agent figures of a period (contract/agent-figures.ts), from three sources read as the
// other reports read them: the queue ledger (the passes each agent answered, as the agent
// report counts them), the call rows (transfers received and direct calls), and the agent
// state intervals (login, pauses). Plain functions of a Database handle.

/** The longest target a transfer may name and still be an agent (bridge ids, channel lists and numbers with a context are not). */
const MAX_TARGET_CHARS = 32;

/** The agent a stored `transfer_to` names: an extension, or queue_log's blind `exten@context`; undefined for a bridge or channel list. */
export function transferTargetAgent(transferTo: string): string | undefined {
  const target = transferTo.split('@')[0]!.trim();
  if (target === '' || target.length > MAX_TARGET_CHARS || /[/,\s]/.test(target)) return undefined;
  return target;
}

/**
 * The agent a stored transfer credits: the target when it names one, and not the queue call's own
 * answering member (undefined for both: nobody is credited).
 */
export function creditedTransferTarget(row: { agent: string | null; queue: string | null; transfer_to: string | null }): string | undefined {
  const target = row.transfer_to === null ? undefined : transferTargetAgent(row.transfer_to);
  const isQueueCall = (row.queue ?? '') !== '';
  return target !== undefined && !(isQueueCall && target === row.agent) ? target : undefined;
}

interface CallRow {
  agent: string | null;
  queue: string | null;
  transfer_to: string | null;
  transfer_at: number | null;
  ended_at: number;
  talk_seconds: number;
  hold_seconds: number;
  wrapup_seconds: number;
}

/**
 * Every agent's figures in [from, to), widened to whole local hours of the configured zone
 * (the queue ledger counts a pass in the hour it entered the queue). Open state intervals
 * count up to `now`. Pause reasons are grouped by the configured reason they mean.
 */
export function agentPerformance(db: Db, request: AgentPerformanceRequest, reasons: readonly PauseReason[] = defaultPauseReasons, now = Date.now()): AgentPerformanceReply {
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const fromHour = localHourOf(request.from, timeZone);
  const toHour = request.to > request.from ? localHourOf(request.to - 1, timeZone) + 1 : fromHour;
  const from = localHourStart(fromHour, timeZone);
  const to = localHourStart(toHour, timeZone);
  const wanted = request.agents && request.agents.length > 0 ? new Set(request.agents) : undefined;
  const tallies = new Map<string, AgentTally>();
  const tallyOf = (agent: string): AgentTally | undefined => {
    if (wanted && !wanted.has(agent)) return undefined;
    let tally = tallies.get(agent);
    if (!tally) tallies.set(agent, (tally = emptyAgentTally(agent)));
    return tally;
  };
  const addTalk = (tally: AgentTally, talk: number, hold: number, wrapup: number) => {
    tally.talkSum += talk;
    tally.holdSum += hold;
    tally.wrapupSum += wrapup;
  };
  const noteCall = (tally: AgentTally, talk: number, hold: number, wrapup: number) => {
    addTalk(tally, talk, hold, wrapup);
    tally.longestCallSeconds = Math.max(tally.longestCallSeconds, talk);
  };

  const agentRows = queueReport(db, { from, to, dimension: 'agent', grain: 'all', ...(request.agents?.length ? { agents: request.agents } : {}) }).rows;
  for (const row of agentRows) {
    const tally = tallyOf(row.key);
    if (!tally) continue;
    tally.queueAnswered += row.answered;
    tally.queueCompleted += row.completed;
    addTalk(tally, row.talkSum, row.holdSum, row.wrapupSum);
  }
  // The report sums talk; the longest single queue call needs the ledger's rows.
  const longest = db.prepare(`SELECT agent, max(talk_seconds) AS longest FROM queue_calls
    WHERE agent IS NOT NULL AND local_hour >= ? AND local_hour < ? AND outcome IN ('answered', 'transferred') GROUP BY agent`);
  for (const row of longest.iterate(fromHour, toHour) as Iterable<{ agent: string; longest: number | null }>) {
    const tally = tallies.get(row.agent);
    if (tally) tally.longestCallSeconds = Math.max(tally.longestCallSeconds, row.longest ?? 0);
  }

  // Transfers received (their own segment: bridge with the caller to the call's end) and direct inbound calls.
  const calls = db.prepare(`SELECT agent, queue, transfer_to, transfer_at, ended_at, talk_seconds, hold_seconds, wrapup_seconds FROM calls
    WHERE call_class = 'customer' AND started_at >= ? AND started_at < ?
      AND (transfer_to IS NOT NULL OR (ifnull(queue, '') = '' AND is_answered = 1 AND direction = 'inbound' AND agent IS NOT NULL))`);
  for (const row of calls.iterate(from, to) as Iterable<CallRow>) {
    const target = creditedTransferTarget(row);
    const isQueueCall = (row.queue ?? '') !== '';
    if (target !== undefined) {
      const tally = tallyOf(target);
      if (!tally) continue;
      tally.transfersReceived += 1;
      noteCall(tally, transferSegmentSeconds(row.transfer_at, row.ended_at), 0, 0);
    } else if (!isQueueCall && row.transfer_to === null && row.agent !== null) {
      const tally = tallyOf(row.agent);
      if (!tally) continue;
      tally.direct += 1;
      noteCall(tally, row.talk_seconds, row.hold_seconds, row.wrapup_seconds);
    }
  }

  for (const state of agentStateBreakdown(db, { from, to, ...(request.agents?.length ? { agents: request.agents } : {}) }, reasons, now)) {
    if ((state.kind !== 'login' && state.kind !== 'pause') || state.seconds === 0) continue;
    const tally = tallyOf(state.agent);
    if (!tally) continue;
    if (state.kind === 'login') tally.loginSeconds += state.seconds;
    else tally.pauses[state.reason ?? ''] = (tally.pauses[state.reason ?? ''] ?? 0) + state.seconds;
  }

  const agents = [...tallies.values()].map(agentFiguresOf).sort((a, b) => a.agent.localeCompare(b.agent, undefined, { numeric: true }));
  return { from, to, timeZone, agents };
}

/** Today's figures (the local day of `now` in the configured zone): the wallboard's "top agents". */
export function agentDay(db: Db, reasons: readonly PauseReason[] = defaultPauseReasons, now = Date.now()): AgentPerformanceReply {
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const dayStartHour = Math.floor(localHourOf(now, timeZone) / 24) * 24;
  return agentPerformance(db, { from: localHourStart(dayStartHour, timeZone), to: localHourStart(dayStartHour + 24, timeZone) }, reasons, now);
}
