import { header, type AmiMessage } from '../ami/message';
import type { Scheduler } from '../actions/scheduler';
import type { DeviceRules } from '../live/device-naming';
import { CcCdrAssembler, type AssembledCcCdr } from './cc-cdr';
import { ChannelFactsTracker } from './channel-facts';
import { IvrSteps } from './ivr-steps';
import { simplePushOf, type VendorPushBody } from './simple-pushes';

/** What the assembly needs from the wrap-up (actions/wrapup.ts through the ActionService). */
export interface WrapupLink {
  isEnabled(): boolean;
  seconds(): number;
  isActive(extension: string): boolean;
  onEnded(listener: (ended: { extension: string; callId: string; seconds: number }) => void): () => void;
}

export interface PushAssemblyOptions {
  mac: string;
  timeZone: string;
  emit(push: VendorPushBody): void;
  isAnyMemberLoggedIn?: (queue: string) => boolean | undefined;
  ivrUserEvent?: string;
  rules?: DeviceRules;
  /** `pausetime=yes`: hold each answered cc_cdr until the agent's wrap-up ends, to fill `pauseTime`. */
  wrapup?: WrapupLink;
  scheduler?: Scheduler;
  /** Extra wait after the wrap-up should have ended before a held cc_cdr goes out with pauseTime 0. */
  wrapupGraceMs?: number;
}

export interface PushAssembly {
  /** One live AMI event, in arrival order, with the gateway clock. */
  apply(message: AmiMessage, at: number): void;
  /** cc_cdr records held for a wrap-up. */
  readonly heldRecords: number;
  /** Emit held records now (pauseTime as known) and stop listening. */
  stop(): void;
}

/**
 * AMI events → the seven vendor pushes, in the order the PBX emitted them:
 * dialbegein, dialend, hangup, extensionstatus, cdr one-to-one (simple-pushes.ts),
 * ivr from the dialplan convention (ivr-steps.ts), cc_cdr assembled per queue call
 * (cc-cdr.ts). Every push goes to `emit` (the outbox).
 */
export function createPushAssembly(options: PushAssemblyOptions): PushAssembly {
  const facts = new ChannelFactsTracker(options.rules);
  const ivr = new IvrSteps({ mac: options.mac, timeZone: options.timeZone, ...(options.ivrUserEvent ? { userEvent: options.ivrUserEvent } : {}) });
  const ccCdr = new CcCdrAssembler({
    mac: options.mac, timeZone: options.timeZone,
    ...(options.isAnyMemberLoggedIn ? { isAnyMemberLoggedIn: options.isAnyMemberLoggedIn } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  });
  const held = new Map<AssembledCcCdr, { cancel(): void } | undefined>();
  const wrapup = options.wrapup;
  const stopWrapupListener = wrapup?.onEnded((ended) => {
    for (const record of held.keys()) {
      if (record.agent !== ended.extension) continue;
      record.push.pauseTime = ended.seconds;
      release(record);
      return;
    }
  });

  function release(record: AssembledCcCdr): void {
    held.get(record)?.cancel();
    held.delete(record);
    options.emit(record.push);
  }

  /** No wrap-up for this call (the agent was already paused, or it was refused): send with pauseTime 0. */
  function armTimeout(record: AssembledCcCdr): void {
    const scheduler = options.scheduler;
    if (!scheduler || !wrapup) return;
    const waitMs = wrapup.seconds() * 1000 + (options.wrapupGraceMs ?? 5_000);
    held.set(record, scheduler.after(waitMs, () => {
      if (!held.has(record)) return;
      if (record.agent && wrapup.isActive(record.agent)) armTimeout(record);
      else release(record);
    }));
  }

  function finished(record: AssembledCcCdr): void {
    if (record.agent && wrapup?.isEnabled()) {
      held.set(record, undefined);
      armTimeout(record);
    } else options.emit(record.push);
  }

  /**
   * Asterisk ends a cancelled leg with two DialEnds (s03 #79/#81: NOANSWER then
   * CANCEL; #133/#135: CANCEL twice); the vendor pushes one `dialend` per leg,
   * as the demo PBX does: the first. Keyed by the leg's DestUniqueid until it hangs up.
   */
  const endedLegs = new Set<string>();
  function isRepeatedDialEnd(message: AmiMessage): boolean {
    if (message.event !== 'DialEnd') return false;
    const leg = header(message, 'destuniqueid');
    if (!leg) return false;
    if (endedLegs.has(leg)) return true;
    endedLegs.add(leg);
    return false;
  }

  return {
    apply(message, at) {
      const simple = isRepeatedDialEnd(message) ? undefined : simplePushOf(message, at, { mac: options.mac, facts });
      const isCdr = message.event === 'Cdr';
      // A Cdr names the channel it describes but must not resurrect one already hung up.
      const channel = isCdr ? facts.get(header(message, 'uniqueid')) : facts.observe(message, at);
      if (channel) {
        for (const step of ivr.observe(message, at, channel)) options.emit(step);
        const record = ccCdr.observe(message, at, channel, ivr.summary(channel.uniqueid));
        if (simple) options.emit(simple);
        if (record) finished(record);
      } else if (simple) options.emit(simple);
      if (channel && message.event === 'Hangup') {
        endedLegs.delete(channel.uniqueid);
        ivr.forget(channel.uniqueid);
        facts.forget(channel.uniqueid);
      }
    },
    get heldRecords() {
      return held.size;
    },
    stop() {
      stopWrapupListener?.();
      for (const record of [...held.keys()]) release(record);
    },
  };
}
