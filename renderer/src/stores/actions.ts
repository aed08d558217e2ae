import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ActionResult, ActiveWrapup, PauseReason, SpyMode, TransferKind } from '@contract';
import { useCoreClient } from '../api';
import type { AppLocale } from '../i18n';
import { failureOf, type ActionFailure } from '../domain/action-errors';
import { pauseReasonLabel } from '../domain/pause-reasons';
import { useLiveStore } from './live';
import type { AgentActionKind } from '../components/actions/agent-actions';

/** What an action dialog is about: an agent's extension, or a live call by id. */
export interface ActionTarget {
  extension?: string;
  callId?: string;
}

export interface OpenDialog {
  kind: AgentActionKind | 'dialAny';
  target: ActionTarget;
}

/** One toast: translated in the component so a language switch re-renders it. */
export interface ActionNotice {
  id: number;
  isOk: boolean;
  kind: AgentActionKind | 'dialAny' | 'blacklistAdd' | 'blacklistRemove' | 'blacklistNote' | 'callbackDismiss' | 'waitingPickUp' | 'waitingMove' | `spyMode.${SpyMode}`;
  target: string;
  failure?: ActionFailure;
}

const supervisorKey = 'callboard.supervisorExtension';
const noticeMs = { ok: 5_000, error: 12_000 };

/**
 * Supervisor actions (contract/methods/actions.ts): which dialog is open, the
 * supervisor's own phone for spying and dialling, the pause reasons and active
 * wrap-ups, and the toasts that report every result. Views open dialogs; the
 * dialog host runs the request through here; nothing else calls actions.*.
 */
export const useActionsStore = defineStore('actions', () => {
  const client = useCoreClient();
  const live = useLiveStore();

  const pauseReasons = shallowRef<PauseReason[]>([]);
  const offeredReasons = computed(() => pauseReasons.value.filter((r) => !r.isSystem));
  let reasonsLoading: Promise<void> | undefined;
  function loadPauseReasons(): Promise<void> {
    reasonsLoading ??= client
      .call('settings.pauseReasons', {})
      .then((list) => void (pauseReasons.value = list))
      .catch(() => void (reasonsLoading = undefined));
    return reasonsLoading;
  }
  // Settings changed them: read them again if this screen had them (labels on cards, reports, the pause menu).
  watch(() => live.settingsRevision.pauseReasons, () => {
    if (reasonsLoading === undefined) return;
    reasonsLoading = undefined;
    void loadPauseReasons();
  });

  const wrapups = shallowRef<ActiveWrapup[]>([]);
  async function refreshWrapups(): Promise<void> {
    try {
      wrapups.value = await client.call('actions.wrapups', {});
    } catch {
      wrapups.value = [];
    }
  }
  const wrapupExtensions = computed(() => new Set(wrapups.value.map((w) => w.extension)));

  const supervisorExtension = ref(localStorage.getItem(supervisorKey) ?? '');
  function rememberSupervisor(extension: string): void {
    supervisorExtension.value = extension;
    localStorage.setItem(supervisorKey, extension);
  }

  const dialog = shallowRef<OpenDialog | null>(null);
  function open(kind: OpenDialog['kind'], target: ActionTarget = {}): void {
    void loadPauseReasons();
    dialog.value = { kind, target };
  }
  function close(): void {
    dialog.value = null;
  }

  const notices = ref<ActionNotice[]>([]);
  let nextNoticeId = 1;
  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }
  function notify(notice: Omit<ActionNotice, 'id'>): ActionNotice {
    const entry = { ...notice, id: nextNoticeId++ };
    notices.value = [...notices.value.slice(-4), entry];
    setTimeout(() => dismiss(entry.id), notice.isOk ? noticeMs.ok : noticeMs.error);
    return entry;
  }

  /** Run one action, report it as a toast, and answer whether it worked. */
  async function perform(kind: ActionNotice['kind'], target: string, invoke: () => Promise<ActionResult<unknown>>): Promise<ActionNotice> {
    let failure: ActionFailure | undefined;
    try {
      const result = await invoke();
      if (!result.ok) failure = failureOf(result.error);
    } catch (error) {
      failure = failureOf(error);
    }
    if (kind === 'endWrapup' || kind === 'pause' || kind === 'unpause') void refreshWrapups();
    return notify({ isOk: !failure, kind, target, ...(failure ? { failure } : {}) });
  }

  const callTarget = (target: ActionTarget) =>
    target.callId !== undefined ? { callId: target.callId } : { extension: target.extension ?? '' };
  /** What a toast names: the agent's extension, or the caller of a call (its id only once the call is gone). */
  const targetText = (target: ActionTarget) =>
    target.extension ?? (target.callId === undefined ? '' : (live.calls.get(target.callId)?.callerNum || target.callId));

  return {
    pauseReasons,
    offeredReasons,
    loadPauseReasons,
    wrapups,
    wrapupExtensions,
    refreshWrapups,
    supervisorExtension,
    rememberSupervisor,
    dialog,
    open,
    close,
    notices,
    notify,
    dismiss,
    perform,
    reasonLabel: (code: string | undefined, locale: AppLocale) => pauseReasonLabel(pauseReasons.value, code, locale),

    pause: (extension: string, queue: string | undefined, reason: string | undefined) =>
      perform('pause', extension, () =>
        client.call('actions.pause', { extension, isPaused: true, ...(queue ? { queue } : {}), ...(reason ? { reason } : {}) })),
    unpause: (extension: string, queue: string | undefined) =>
      perform('unpause', extension, () => client.call('actions.pause', { extension, isPaused: false, ...(queue ? { queue } : {}) })),
    endWrapup: (extension: string) => perform('endWrapup', extension, () => client.call('actions.endWrapup', { extension })),
    spy: (supervisor: string, target: string, mode: SpyMode) =>
      perform(mode, target, () => client.call('actions.spy', { supervisor, target, mode })),
    /** Switch a running session (its call id) to another mode; `target` names whom it listens to, for the toast. */
    spyMode: (callId: string, mode: SpyMode, target: string) =>
      perform(`spyMode.${mode}`, target, () => client.call('actions.spyMode', { callId, mode })),
    transfer: (target: ActionTarget, destination: string, kind: TransferKind) =>
      perform('transfer', targetText(target), () => client.call('actions.transfer', { ...callTarget(target), destination, kind })),
    hangup: (target: ActionTarget) => perform('hangup', targetText(target), () => client.call('actions.hangup', callTarget(target))),
    queueLogin: (extension: string, queue: string, penalty: number) =>
      perform('queueLogin', extension, () => client.call('actions.queueLogin', { extension, queue, penalty })),
    queueLogout: (extension: string, queue: string) =>
      perform('queueLogout', extension, () => client.call('actions.queueLogout', { extension, queue })),
    /** The stream URL of a recording, or why there is none (recordings.url is audited: listening is an act). */
    async recordingUrl(file: string): Promise<{ url: string } | { failure: ActionFailure }> {
      try {
        const result = await client.call('recordings.url', { file });
        return result.ok ? { url: client.resourceUrl(result.value.url) } : { failure: failureOf(result.error) };
      } catch (error) {
        return { failure: failureOf(error) };
      }
    },
    dial: (source: string, destination: string) =>
      perform('dial', `${source} → ${destination}`, () => client.call('actions.dial', { source, destination })),
  };
});
