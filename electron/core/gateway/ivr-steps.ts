import { header, varSetName, type AmiMessage } from '../ami/message';
import type { ChannelFacts } from './channel-facts';
import type { VendorPushBody } from './simple-pushes';
import { wholeSeconds } from './wire-format';
import { formatLocal } from '../base/time-zone';

// IVR journeys (vendor `ivr` push, seed "IVR事件"). Plain Asterisk has no IVR
// event, so the gateway reads a dialplan convention (README.md "IVR convention"):
//   UserEvent(CallboardIvr,IvrId: 610,IvrName: main,Dtmf: ${digit})   when the caller leaves a node, or
//   Set(IVR_ID=610) / Set(IVR_NAME=main) on entering, Set(IVR_DTMF=${digit}) on leaving.
// A step is pushed once the gateway knows where the caller went next (the
// queue it joined, the next node, or the hang-up), so `queueCode` is filled.

export interface IvrStep {
  uniqueid: string;
  ivrId: string;
  ivrName: string;
  dtmf: string;
  startedAt: number;
  endedAt?: number;
}

/** The IVR facts a cc_cdr carries: the last node the call passed and the time spent in IVR nodes. */
export interface IvrSummary {
  ivrId: string;
  ivrName: string;
  ivrDtmf: string;
  seconds: number;
}

interface Journey {
  open?: IvrStep;
  /** Left, waiting for where it went. */
  left?: IvrStep;
  last?: IvrStep;
  totalMs: number;
  hasSteps: boolean;
}

export interface IvrStepsOptions {
  mac: string;
  timeZone: string;
  /** The UserEvent name of the convention (default CallboardIvr). */
  userEvent?: string;
}

export class IvrSteps {
  private readonly journeys = new Map<string, Journey>();
  private readonly userEvent: string;

  constructor(private readonly options: IvrStepsOptions) {
    this.userEvent = (options.userEvent ?? 'CallboardIvr').toLowerCase();
  }

  /** Apply one live event of a known channel; returns `ivr` pushes that became complete. */
  observe(message: AmiMessage, at: number, facts: ChannelFacts): VendorPushBody[] {
    const out: VendorPushBody[] = [];
    const journey = this.journeys.get(facts.uniqueid);
    switch (message.event) {
      case 'UserEvent': {
        if (header(message, 'userevent').toLowerCase() !== this.userEvent) break;
        const step = this.enter(facts, at, header(message, 'ivrid'), header(message, 'ivrname'), out);
        this.leave(facts, step, header(message, 'dtmf'), at, out, header(message, 'queue'));
        break;
      }
      case 'VarSet': {
        const name = varSetName(message).replace(/^_+/, '').toUpperCase();
        const value = header(message, 'value');
        if (name === 'IVR_ID' && value) this.enter(facts, at, value, '', out);
        else if (name === 'IVR_NAME' && value) {
          const open = this.journeys.get(facts.uniqueid)?.open ?? this.enter(facts, at, '', value, out);
          open.ivrName = value;
        } else if (name === 'IVR_DTMF' && journey?.open) this.leave(facts, journey.open, value, at, out);
        break;
      }
      case 'QueueCallerJoin':
        this.settle(facts, header(message, 'queue'), out);
        break;
      case 'Hangup':
        if (journey?.open) this.leave(facts, journey.open, '', at, out);
        this.settle(facts, '', out);
        break;
      default:
        break;
    }
    return out;
  }

  /** IVR facts of a call for its cc_cdr (undefined when it passed no node). */
  summary(uniqueid: string): IvrSummary | undefined {
    const journey = this.journeys.get(uniqueid);
    if (!journey?.hasSteps || !journey.last) return undefined;
    return { ivrId: journey.last.ivrId, ivrName: journey.last.ivrName, ivrDtmf: journey.last.dtmf, seconds: wholeSeconds(journey.totalMs) };
  }

  forget(uniqueid: string): void {
    this.journeys.delete(uniqueid);
  }

  private journeyOf(uniqueid: string): Journey {
    let journey = this.journeys.get(uniqueid);
    if (!journey) {
      journey = { totalMs: 0, hasSteps: false };
      this.journeys.set(uniqueid, journey);
    }
    return journey;
  }

  private enter(facts: ChannelFacts, at: number, ivrId: string, ivrName: string, out: VendorPushBody[]): IvrStep {
    const journey = this.journeyOf(facts.uniqueid);
    if (journey.open && (journey.open.ivrId === ivrId || ivrId === '')) {
      if (ivrName) journey.open.ivrName = ivrName;
      return journey.open;
    }
    // Entering a new node ends the previous one (no digit) and tells the previous step where it went.
    if (journey.open) this.leave(facts, journey.open, '', at, out);
    this.settle(facts, '', out);
    // A node starts when the previous one ended, else when the channel did (first node after Answer).
    const startedAt = journey.last?.endedAt ?? facts.firstSeenAt;
    journey.open = { uniqueid: facts.uniqueid, ivrId, ivrName, dtmf: '', startedAt };
    return journey.open;
  }

  private leave(facts: ChannelFacts, step: IvrStep, dtmf: string, at: number, out: VendorPushBody[], queue = ''): void {
    const journey = this.journeyOf(facts.uniqueid);
    step.dtmf = dtmf;
    step.endedAt = at;
    journey.open = undefined;
    journey.left = step;
    journey.last = step;
    journey.hasSteps = true;
    journey.totalMs += at - step.startedAt;
    if (queue) this.settle(facts, queue, out);
  }

  private settle(facts: ChannelFacts, queueCode: string, out: VendorPushBody[]): void {
    const journey = this.journeys.get(facts.uniqueid);
    const step = journey?.left;
    if (!journey || !step) return;
    journey.left = undefined;
    const endedAt = step.endedAt ?? step.startedAt;
    out.push({
      event: 'ivr', uuid: facts.uniqueid, caller: facts.callerIdNum, called: '', callType: facts.isTrunk ? 'IN' : 'INTERNAL', queueCode,
      startTime: formatLocal(step.startedAt, this.options.timeZone), endTime: formatLocal(endedAt, this.options.timeZone),
      duration: String(wholeSeconds(endedAt - step.startedAt)), ivrId: step.ivrId, ivrName: step.ivrName, ivrDtmf: step.dtmf,
      trunkNumber: facts.did, mac: this.options.mac,
    });
  }
}
