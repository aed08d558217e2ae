import { header, type AmiMessage } from '../ami/message';
import type { AmiActionFields } from '../ami/session';
import type { ActionResult } from '../contract/method';
import { actionFail, actionOk, type BlacklistEntry, type DialOutcome, type PbxActions, type SpyMode } from './backend';
import { withAuthor, type BlacklistNotes } from './blacklist-notes';
import { amiAnswer, amiFailure, type AmiActionPort } from './ami-port';
import { openLocalRecording } from './local-recordings';

export interface AmiActionsOptions {
  /** Dialplan context for Originate/Redirect/Atxfer destinations (pbx-conf extensions.conf `[internal]`). */
  context?: string;
  /** AstDB family the dialplan checks (`DB_EXISTS(blacklist/${CALLERID(num)})`, s08). */
  blacklistFamily?: string;
  /** Local or mounted copy of /var/spool/asterisk/monitor/. */
  recordingsDir?: string;
  /** How long to wait for OriginateResponse after "Originate successfully queued" (s05 waited 40 s). */
  originateTimeoutMs?: number;
  /** Ring time given to the first leg of an Originate (s05 `Timeout: 30000`). */
  ringTimeoutMs?: number;
  notes?: BlacklistNotes;
}

/**
 * ChanSpy options (app_chanspy): q = no beep/announcement, w = whisper to the spied channel, B = barge (talk to both),
 * d = DTMF switches the running session: 4 listen, 5 whisper, 6 barge (spyModeDigits).
 */
const spyOptions: Record<SpyMode, string> = { listen: 'qd', whisper: 'qwd', barge: 'qBd' };
const spyModeDigits: Record<SpyMode, string> = { listen: '4', whisper: '5', barge: '6' };

/** OriginateResponse `Reason` (ast_control_frame_type of the outgoing leg). */
const originateReasons: Record<string, string> = {
  '0': 'the channel could not be created (unknown or unreachable device)',
  '1': 'the device hung up or is not available',
  '3': 'no answer',
  '4': 'answered',
  '5': 'busy',
  '8': 'congestion',
};

/**
 * Supervisor actions over the Asterisk Manager Interface, with the header
 * shapes of the recorded sessions: QueuePause/QueueAdd/QueueRemove (s04),
 * Originate (s05, s07), Redirect/Atxfer (s06), Hangup and DB* (s08).
 */
export function createAmiActions(port: AmiActionPort, options: AmiActionsOptions = {}): PbxActions {
  const context = options.context ?? 'internal';
  const family = options.blacklistFamily ?? 'blacklist';
  const originateTimeoutMs = options.originateTimeoutMs ?? 40_000;
  const notes = options.notes;

  async function send(fields: AmiActionFields): Promise<ActionResult<AmiMessage>> {
    if (!port.isConnected()) return actionFail('disconnected', 'AMI is not connected');
    try {
      const answer = await port.action(fields);
      const checked = amiAnswer(answer);
      return checked.ok ? { ok: true, value: answer } : checked;
    } catch (error) {
      return amiFailure(error);
    }
  }

  async function simple(fields: AmiActionFields): Promise<ActionResult> {
    const answer = await send(fields);
    return answer.ok ? actionOk() : answer;
  }

  /**
   * Async Originate: Asterisk answers "Originate successfully queued" at once and
   * reports the outcome later in an OriginateResponse event with the same
   * ActionID and its own `Response: Success|Failure` (s05). Events are collected
   * from before the action is sent, so an OriginateResponse arriving in the same
   * packet as the Response is not missed.
   */
  async function originate(fields: AmiActionFields): Promise<ActionResult<DialOutcome>> {
    const seen: AmiMessage[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = port.onEvent((message) => {
      if (message.event !== 'OriginateResponse') return;
      seen.push(message);
      wake?.();
    });
    try {
      const queued = await send({ ...fields, Async: 'true' });
      if (!queued.ok) return queued;
      const actionId = queued.value.actionid;
      if (actionId === undefined) return actionOk({});
      const outcome = await new Promise<AmiMessage | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), originateTimeoutMs);
        timer.unref?.();
        const check = (): void => {
          const found = seen.find((m) => m.actionid === actionId);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        wake = check;
        check();
      });
      if (!outcome) return actionFail('timeout', `no OriginateResponse within ${originateTimeoutMs} ms`);
      const reason = header(outcome, 'reason');
      if (header(outcome, 'response').toLowerCase() !== 'success') {
        return actionFail('pbx_refused', `Originate failed: ${originateReasons[reason] ?? `reason ${reason}`}`);
      }
      const value: DialOutcome = {};
      const channel = header(outcome, 'channel');
      const uniqueid = header(outcome, 'uniqueid');
      if (channel) value.channel = channel;
      if (uniqueid && uniqueid !== '<null>' && uniqueid !== '<unknown>') value.uniqueid = uniqueid;
      return actionOk(value);
    } finally {
      unsubscribe();
    }
  }

  // s06 (a): the dialplan at <context>,<destination>,1 takes the channel (internal: `_80X` dials, `_63[0-2]` queues).
  const redirect = (channel: string, destination: string) =>
    simple({ Action: 'Redirect', Channel: channel, Context: context, Exten: destination, Priority: '1' });

  return {
    kind: 'ami',
    isConnected: () => port.isConnected(),

    // s04: `Interface`, optional `Queue` (all queues when absent), `Paused`, `Reason` only when pausing.
    pause: ({ device, queue, isPaused, reason }) =>
      simple({ Action: 'QueuePause', Interface: device, Queue: queue, Paused: isPaused ? 'true' : 'false', Reason: isPaused ? reason : undefined }),

    // s04: QueueAdd with Penalty, MemberName, StateInterface (device state follows the phone), Paused false.
    queueLogin: ({ device, queue, penalty, memberName }) =>
      simple({ Action: 'QueueAdd', Queue: queue, Interface: device, Penalty: String(penalty), MemberName: memberName, StateInterface: device, Paused: 'false' }),

    queueLogout: ({ device, queue }) => simple({ Action: 'QueueRemove', Queue: queue, Interface: device }),

    // s07: Originate the supervisor's phone into ChanSpy(target device, options).
    spy: async ({ supervisorExtension, supervisorDevice, targetDevice, mode }) => {
      const result = await originate({
        Action: 'Originate', Channel: supervisorDevice, Application: 'ChanSpy', Data: `${targetDevice},${spyOptions[mode]}`,
        // The tag makes the live model file the call as a supervisor session, not an internal or missed call.
        CallerID: `"Supervisor" <${supervisorExtension}>`, Variable: { CALLBOARD_SESSION: mode },
      });
      return result.ok ? actionOk() : result;
    },

    // A second ChanSpy from the same phone fails (it is busy): press the mode key on the running one instead,
    // as if dialled on the phone (PlayDTMF `Receive`, Asterisk 16+). ChanSpy reports no mode change, so the
    // channel's tag follows (Setvar → VarSet) for the live model and history.
    spyMode: async ({ channel, mode }) => {
      const pressed = await simple({ Action: 'PlayDTMF', Channel: channel, Digit: spyModeDigits[mode], Receive: 'true' });
      if (!pressed.ok) return pressed;
      return simple({ Action: 'Setvar', Channel: channel, Variable: 'CALLBOARD_SESSION', Value: mode });
    },

    // s06 (a): blind = Redirect the *other* party (the caller) into the destination;
    // s06 (b): attended = Atxfer on the agent's own channel (Asterisk feeds the atxfer DTMF).
    transfer: ({ leg, destination, kind }) => {
      if (kind === 'attended') return simple({ Action: 'Atxfer', Channel: leg.channel, Exten: destination, Context: context });
      if (!leg.peerChannel) return Promise.resolve(actionFail('not_in_call', `${leg.extension ?? leg.channel} is not talking to anyone to transfer`));
      return redirect(leg.peerChannel, destination);
    },

    canRedirect: true,
    redirect: ({ channel, destination }) => redirect(channel, destination),

    // s08: Cause 16 (normal clearing), as a supervisor hang-up.
    hangup: (leg) => simple({ Action: 'Hangup', Channel: leg.channel, Cause: '16' }),

    // s05: ring the source first, then dial the destination from the dialplan.
    dial: ({ sourceExtension, sourceDevice, destination }) =>
      originate({
        Action: 'Originate', Channel: sourceDevice, Exten: destination, Context: context, Priority: '1',
        CallerID: `"Click2Dial" <${sourceExtension}>`, Timeout: String(options.ringTimeoutMs ?? 30_000), Variable: { CLICK2DIAL: 'yes', CALLBOARD_SESSION: 'dial' },
      }),

    async blacklistList() {
      if (!port.isConnected()) return actionFail('disconnected', 'AMI is not connected');
      try {
        const tree = await port.listAction({ Action: 'DBGetTree', Family: family });
        // An empty family answers `Response: Error` "Database entry not found".
        if (header(tree.response, 'response').toLowerCase() === 'error' && !/not found/i.test(header(tree.response, 'message'))) {
          return actionFail('pbx_refused', header(tree.response, 'message') || 'DBGetTree failed');
        }
        const prefix = `/${family}/`;
        const entries: BlacklistEntry[] = [];
        for (const item of tree.items) {
          if (item.event !== 'DBGetTreeResponse') continue;
          const key = header(item, 'key');
          const number = key.startsWith(prefix) ? key.slice(prefix.length) : key;
          const local = notes?.get(number);
          const value = header(item, 'val');
          // An empty note is stored as a placeholder (AstDB keeps a value): show the note as typed.
          const note = local && value === astdbValue(local.note, local.addedBy ?? '') ? local.note : value;
          entries.push(withAuthor({ number, note }, local));
        }
        return actionOk(entries);
      } catch (error) {
        return amiFailure<BlacklistEntry[]>(error);
      }
    },

    // s08: the note is the AstDB value; the dialplan only tests the key exists.
    async blacklistAdd({ number, note, who, at }) {
      const result = await simple({ Action: 'DBPut', Family: family, Key: number, Val: astdbValue(note, who) });
      if (result.ok) notes?.set(number, { note, addedBy: who, addedAt: at });
      return result;
    },

    async blacklistSetNote({ number, note, who }) {
      const local = notes?.get(number);
      const result = await simple({ Action: 'DBPut', Family: family, Key: number, Val: astdbValue(note, local?.addedBy ?? who) });
      if (result.ok) notes?.set(number, { ...local, note });
      return result;
    },

    async blacklistRemove(number) {
      const result = await simple({ Action: 'DBDel', Family: family, Key: number });
      if (result.ok) notes?.delete(number);
      return result;
    },

    recording: (file) => openLocalRecording(options.recordingsDir, file),
  };
}

/** The AstDB value of a blacklist entry: its note, or who added it when there is none. */
function astdbValue(note: string, who: string): string {
  return note || `added by ${who}`;
}
