import type { ActionResult } from '../contract/method';
import type { CoocenterClient } from '../vendor-api/client';
import { actionFail, actionOk, type BlacklistEntry, type PbxActions } from './backend';
import { withAuthor, type BlacklistNotes } from './blacklist-notes';
import { recordingContentType } from './local-recordings';

export interface CoocenterActionsOptions {
  /** Whether the box is reachable (e.g. the poller's connection state); default: always try. */
  isConnected?: () => boolean;
  notes?: BlacklistNotes;
}

/** Why the vendor API cannot pick up or move a waiting caller (the renderer shows its own words for `unsupported`). */
export const redirectUnsupported = 'the vendor API transfers the call an extension is in (transfer src=<extension>); a caller waiting in a queue is in none yet, so picking up or moving a waiting caller needs the AMI backend';

/** The endpoint's answer without its message (the box's words only matter on failure). */
function done(result: ActionResult<string>): ActionResult {
  return result.ok ? actionOk() : result;
}

/**
 * Supervisor actions through the vendor box's passive API (coocenter-api.md
 * #5–#15). What the box cannot do is refused as `unsupported` rather than done
 * half-way: whisper/barge (extenSpy only listens), attended transfer, penalties.
 */
export function createCoocenterActions(client: CoocenterClient, options: CoocenterActionsOptions = {}): PbxActions {
  const isConnected = options.isConnected ?? (() => true);
  const notes = options.notes;

  function down<T = undefined>(): ActionResult<T> | undefined {
    return isConnected() ? undefined : actionFail('disconnected', 'the vendor API is not reachable');
  }

  return {
    kind: 'coocenter',
    isConnected,

    // #5 pauses one queue per request, without a reason: "all queues" is one request per membership.
    async pause({ extension, queue, isPaused, memberQueues }) {
      const refused = down();
      if (refused) return refused;
      for (const name of queue ? [queue] : memberQueues) {
        const result = await client.agentPause({ queue: name, member: extension, paused: isPaused });
        if (!result.ok) return result;
      }
      return actionOk();
    },

    async queueLogin({ extension, queue, penalty }) {
      if (penalty !== 0) return actionFail('unsupported', 'the vendor API logs agents in without a penalty; use penalty 0 or the AMI backend');
      return down() ?? done(await client.agentLogin({ extension, queue }));
    },

    async queueLogout({ extension, queue }) {
      return down() ?? done(await client.agentLogout({ extension, queue }));
    },

    async spy({ supervisorExtension, targetExtension, mode }) {
      if (mode !== 'listen') return actionFail('unsupported', `the vendor API can only listen (extenSpy); ${mode} needs the AMI backend`);
      return down() ?? done(await client.extenSpy({ src: supervisorExtension, dst: targetExtension }));
    },

    // extenSpy starts a listen session and nothing else: there is no call to change a running one.
    spyMode: async ({ mode }) =>
      actionFail('unsupported', `the vendor API cannot change a running session (extenSpy only listens); ${mode} needs the AMI backend`),

    async transfer({ leg, destination, kind }) {
      if (kind === 'attended') return actionFail('unsupported', 'the vendor API has no attended transfer; it needs the AMI backend');
      if (!leg.extension) return actionFail('unsupported', 'the vendor API transfers an extension\'s call; pick the agent, not the call');
      return down() ?? done(await client.transfer({ src: leg.extension, dst: destination }));
    },

    // #10 moves the call an extension is in (src); a caller waiting in a queue is in no extension's call yet.
    canRedirect: false,
    redirect: async () => actionFail('unsupported', redirectUnsupported),

    async hangup(leg) {
      if (!leg.extension) return actionFail('unsupported', 'the vendor API hangs up an extension\'s call; this call has no extension leg');
      return down() ?? done(await client.hangup({ extension: leg.extension }));
    },

    async dial({ sourceExtension, destination }) {
      const refused = down<Record<string, never>>();
      if (refused) return refused;
      const result = await client.clickNumber({ src: sourceExtension, dst: destination });
      return result.ok ? actionOk({}) : result;
    },

    async blacklistList() {
      const refused = down<BlacklistEntry[]>();
      if (refused) return refused;
      const numbers = await client.blacklistIndex();
      if (!numbers.ok) return numbers;
      return actionOk(numbers.value.map((number): BlacklistEntry => {
        const local = notes?.get(number);
        return withAuthor({ number, note: local?.note ?? '' }, local);
      }));
    },

    async blacklistAdd({ number, note, who, at }) {
      const refused = down();
      if (refused) return refused;
      const result = await client.blacklistCreate({ number });
      if (!result.ok) return result;
      notes?.set(number, { note, addedBy: who, addedAt: at });
      return actionOk();
    },

    // The box keeps numbers only: the note is Callboard's.
    async blacklistSetNote({ number, note }) {
      const refused = down();
      if (refused) return refused;
      if (!notes) return actionFail('unsupported', 'notes need the cache (the vendor box stores numbers only)');
      notes.set(number, { ...notes.get(number), note });
      return actionOk();
    },

    async blacklistRemove(number) {
      const refused = down();
      if (refused) return refused;
      const result = await client.blacklistDelete({ number });
      if (!result.ok) return result;
      notes?.delete(number);
      return actionOk();
    },

    async recording(file) {
      const refused = down<never>();
      if (refused) return refused;
      // cc_cdr `filePath` is a bare name under the box's monitor folder; AMI reports the full path.
      const fetched = await client.fetchRecording(file.replace(/^\/var\/spool\/asterisk\/monitor\//, ''));
      if (!fetched.ok) return fetched;
      const { stream, contentType, contentLength } = fetched.value;
      return actionOk({
        stream,
        contentType: contentType ?? recordingContentType(file),
        ...(contentLength === undefined ? {} : { contentLength }),
      });
    },
  };
}
