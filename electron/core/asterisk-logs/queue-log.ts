import type { QueueAttempt } from '../contract';
import { missCauseOf } from '../stats/miss-cause';

// Asterisk's own queue_log (`epoch|callid|queue|agent|EVENT|data1|data2|…`), read the way
// QueueMetrics reads it (test/fixtures/truth/README.md has every event's fields): one pass
// per ENTERQUEUE, closed by CONNECT + COMPLETE*/…TRANSFER, ABANDON, EXIT*, or WITHDRAW.
// Durations are queue_log's whole seconds, so an imported day equals the PBX's own figures.

/** Longer lines are not queue_log (a caller ID is short); they are refused, not parsed. */
export const maxQueueLogLine = 4_096;

export interface QueueLogOptions {
  /** The extension of a member as queue_log names it (member name or interface); undefined keeps the name. */
  extensionOf?(agent: string): string | undefined;
}

interface OpenPass {
  attempt: QueueAttempt;
  wasRung: boolean;
}

const integer = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
};

/**
 * Reads queue_log lines into queue passes. Feed lines in file order with `line`; passes come
 * out of `line` as they close and out of `finish` for those the slice left open (their
 * outcome stays waiting/connected: the console's own events or a later import close them).
 */
export class QueueLogReader {
  private readonly open = new Map<string, OpenPass>();
  private readonly seqs = new Map<string, number>();

  constructor(private readonly options: QueueLogOptions = {}) {}

  /** One line; returns a pass that just closed, an error text for a line that is not queue_log, or nothing. */
  line(text: string): QueueAttempt | { error: string } | undefined {
    if (text.length > maxQueueLogLine) return { error: `line longer than ${maxQueueLogLine} characters` };
    const fields = text.split('|');
    if (fields.length < 5) return text.trim() === '' ? undefined : { error: 'not a queue_log line (fewer than 5 fields)' };
    const [epochText, callId, queue, agent, event, ...data] = fields as [string, string, string, string, string, ...string[]];
    const epoch = /^\d{9,11}$/.test(epochText) ? Number(epochText) : undefined;
    if (epoch === undefined) return { error: `not a queue_log time: ${epochText.slice(0, 20)}` };
    const at = epoch * 1000;
    if (event === 'ENTERQUEUE') return this.enter(callId, queue, at, data);
    const pass = this.open.get(callId);
    if (!pass || pass.attempt.queue !== queue) return undefined; // member, pause and system lines, or a call entered before the slice
    const attempt = pass.attempt;
    const d = (index: number) => data[index];
    switch (event) {
      case 'RINGNOANSWER':
        attempt.ringNoAnswer += 1;
        pass.wasRung = true;
        return undefined;
      case 'RINGCANCELED':
        pass.wasRung = true;
        return undefined;
      case 'CONNECT':
        Object.assign(attempt, { outcome: 'connected', connectedAt: at, waitSeconds: integer(d(0)) ?? 0, ringSeconds: integer(d(2)) ?? 0 });
        this.setAgent(attempt, agent);
        return undefined;
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
        attempt.talkSeconds = integer(d(1)) ?? 0;
        attempt.hangupSide = event === 'COMPLETECALLER' ? 'caller' : 'agent';
        return this.close(callId, pass, 'answered', at);
      case 'BLINDTRANSFER':
        Object.assign(attempt, { talkSeconds: integer(d(3)) ?? 0, hangupSide: 'transfer', transferKind: 'blind', transferTo: `${d(0) ?? ''}@${d(1) ?? ''}` });
        return this.close(callId, pass, 'transferred', at);
      case 'ATTENDEDTRANSFER':
        // BRIDGE|bridge|hold|talk|pos, APP|app|hold|talk|pos, LINK|chan1|chan2|hold|talk|pos: the last three are fixed.
        Object.assign(attempt, { talkSeconds: integer(data.at(-2)) ?? 0, hangupSide: 'transfer', transferKind: 'attended', transferTo: data.slice(1, -3).join(',') });
        return this.close(callId, pass, 'transferred', at);
      case 'ABANDON':
      case 'EXITEMPTY':
      case 'EXITWITHTIMEOUT':
      case 'WITHDRAW':
        Object.assign(attempt, { exitPosition: integer(d(0)), waitSeconds: integer(d(2)) ?? 0 });
        return this.close(callId, pass, event === 'ABANDON' ? 'abandoned' : event === 'EXITEMPTY' ? 'exitempty' : event === 'WITHDRAW' ? 'withdraw' : 'exitwithtimeout', at);
      case 'EXITWITHKEY':
        Object.assign(attempt, { exitKey: d(0), exitPosition: integer(d(1)), waitSeconds: integer(d(3)) ?? 0 });
        return this.close(callId, pass, 'exitwithkey', at);
      default:
        return undefined;
    }
  }

  /** Passes still open at the end of the input. */
  finish(): QueueAttempt[] {
    const left = [...this.open.values()].map((pass) => pass.attempt);
    this.open.clear();
    return left;
  }

  private enter(callId: string, queue: string, at: number, data: string[]): QueueAttempt | undefined {
    if (!callId || !queue || queue === 'NONE') return undefined;
    const seq = this.seqs.get(callId) ?? 0;
    this.seqs.set(callId, seq + 1);
    const attempt: QueueAttempt = {
      callId, seq, queue, enteredAt: at, callerNum: data[1] ?? '', outcome: 'waiting', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0,
      source: 'queue_log',
    };
    const position = integer(data[2]);
    if (position !== undefined) attempt.entryPosition = position;
    // A new ENTERQUEUE of a call still open elsewhere: that one was never closed in the log.
    this.open.set(callId, { attempt, wasRung: false });
    return undefined;
  }

  private close(callId: string, pass: OpenPass, outcome: QueueAttempt['outcome'], at: number): QueueAttempt {
    const attempt = pass.attempt;
    attempt.outcome = outcome;
    attempt.endedAt = at;
    if (outcome !== 'answered' && outcome !== 'transferred') {
      attempt.hangupSide = outcome === 'abandoned' ? 'caller' : 'system';
      attempt.missCause = missCauseOf({ outcome, waitSeconds: attempt.waitSeconds ?? 0, wasRung: pass.wasRung });
    }
    this.open.delete(callId);
    return attempt;
  }

  private setAgent(attempt: QueueAttempt, agent: string): void {
    if (!agent || agent === 'NONE') return;
    attempt.agent = this.options.extensionOf?.(agent) ?? agent;
  }
}
