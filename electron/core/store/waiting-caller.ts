import type { PreviousCall } from '../contract/methods/waiting';
import type { IvrStep } from '../contract/history';
import { DEFAULT_TIME_ZONE, localHourOf, localHourStart } from '../base/time-zone';
import { ivrStepsOf } from './call-detail';
import { rowToCall } from './call-row';
import type { Db } from './database';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

/** Earlier calls of one number shown beside a waiting caller; a number calling more today is counted no further. */
export const PREVIOUS_CALLS_LIMIT = 20;

export interface WaitingCallerHistory {
  ivrSteps: IvrStep[];
  previousCalls: PreviousCall[];
}

/**
 * Where a waiting caller comes from, as the cache knows it: the IVR nodes of this call
 * and the number's other calls today (the PBX zone's day), newest first. Supervisor
 * sessions are not the caller's calls and are left out.
 */
export function waitingCallerHistory(db: Db, request: { callId: string; callerNum: string; now: number }): WaitingCallerHistory {
  const ivrSteps = ivrStepsOf(db, request.callId);
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const dayStart = localHourStart(Math.floor(localHourOf(request.now, timeZone) / 24) * 24, timeZone);
  const rows = request.callerNum === '' ? [] : db.prepare(
    `SELECT * FROM calls WHERE caller_num = ? AND started_at >= ? AND uniqueid <> ? AND call_class <> 'supervisor'
     ORDER BY started_at DESC LIMIT ?`,
  ).all(request.callerNum, dayStart, request.callId, PREVIOUS_CALLS_LIMIT) as Record<string, unknown>[];
  const previousCalls = rows.map((row): PreviousCall => {
    const call = rowToCall(row);
    const previous: PreviousCall = {
      uniqueid: call.uniqueid, startedAt: call.startedAt, direction: call.direction, isAnswered: call.isAnswered,
      queueSeconds: call.queueSeconds, talkSeconds: call.talkSeconds,
    };
    if (call.queue !== undefined) previous.queue = call.queue;
    if (call.agent !== undefined) previous.agent = call.agent;
    if (call.queueOutcome !== undefined) previous.queueOutcome = call.queueOutcome;
    return previous;
  });
  return { ivrSteps, previousCalls };
}
