import type { ActionResult } from '../contract/method';
import type { Call } from '../contract/model';
import type { LiveModel } from '../live/model';
import type { ActiveWrapup, WrapupEndReason, WrapupEnded } from '../contract/methods/actions';
import type { WrapupOptions } from '../contract/methods/settings';
import { actionFail, actionOk } from './backend';
import type { Scheduler } from './scheduler';

// Wrap-up (coocenter-api.md "Wrap-up (`pausetime=yes`)"): after each answered
// queue call the agent is paused with reason `wrap-up` for at most N seconds,
// then unpaused; the agent or a supervisor may end it early. The seconds spent
// are reported so the store can record `pauseTime`/`wrapupSeconds` on the call.

export type { ActiveWrapup, WrapupEndReason, WrapupEnded, WrapupOptions };

export interface WrapupHooks {
  /** Pause (true) or unpause (false) the agent in all its queues with the wrap-up reason; audited by the caller. */
  setPaused(extension: string, isPaused: boolean, callId: string): Promise<ActionResult>;
  /** True when the agent is already paused everywhere (lunch…): no wrap-up then. */
  isPausedEverywhere(extension: string): boolean;
}

export interface WrapupController {
  active(): ActiveWrapup[];
  isActive(extension: string): boolean;
  /** End a wrap-up now; `unpause` false when the agent's pause state is being set by another action. */
  end(extension: string, endedBy: Exclude<WrapupEndReason, 'timer'>, unpause: boolean): Promise<ActionResult<WrapupEnded>>;
  onEnded(listener: (ended: WrapupEnded) => void): () => void;
  configure(options: WrapupOptions): void;
  options(): WrapupOptions;
  stop(): void;
}

function isAnsweredQueueCall(call: Call): call is Call & { agent: string; answeredAt: number } {
  return call.queue !== undefined && call.agent !== undefined && call.answeredAt !== undefined;
}

export function startWrapups(model: LiveModel, scheduler: Scheduler, hooks: WrapupHooks, initial: WrapupOptions): WrapupController {
  let options = { ...initial };
  const running = new Map<string, ActiveWrapup & { timer: { cancel(): void } }>();
  const listeners = new Set<(ended: WrapupEnded) => void>();

  const finish = (extension: string, endedBy: WrapupEndReason): WrapupEnded | undefined => {
    const wrapup = running.get(extension);
    if (!wrapup) return undefined;
    running.delete(extension);
    wrapup.timer.cancel();
    const endedAt = scheduler.now();
    const { timer: _timer, ...state } = wrapup;
    const ended: WrapupEnded = { ...state, endedAt, seconds: Math.round((endedAt - wrapup.startedAt) / 1000), endedBy };
    for (const listener of listeners) listener(ended);
    return ended;
  };

  const begin = async (call: Call & { agent: string; answeredAt: number }): Promise<void> => {
    const extension = call.agent;
    if (!options.isEnabled || running.has(extension) || hooks.isPausedEverywhere(extension)) return;
    const startedAt = scheduler.now();
    const wrapup: ActiveWrapup & { timer: { cancel(): void } } = {
      extension, callId: call.id, startedAt, endsAt: startedAt + options.seconds * 1000,
      timer: scheduler.after(options.seconds * 1000, () => {
        if (running.get(extension) !== wrapup) return;
        finish(extension, 'timer');
        void hooks.setPaused(extension, false, call.id);
      }),
    };
    if (call.queue !== undefined) wrapup.queue = call.queue;
    running.set(extension, wrapup);
    const paused = await hooks.setPaused(extension, true, call.id);
    // A refused pause leaves nothing to end: forget the wrap-up without reporting time.
    if (!paused.ok && running.get(extension) === wrapup) {
      running.delete(extension);
      wrapup.timer.cancel();
    }
  };

  const unsubscribe = model.subscribe((update) => {
    if (update.kind === 'callEnded' && isAnsweredQueueCall(update.call)) void begin(update.call);
  });

  return {
    active: () => [...running.values()].map(({ timer: _timer, ...state }) => state),
    isActive: (extension) => running.has(extension),
    async end(extension, endedBy, unpause) {
      const wrapup = running.get(extension);
      if (!wrapup) return actionFail('not_found', `${extension} is not in wrap-up`);
      const ended = finish(extension, endedBy) as WrapupEnded;
      if (unpause) {
        const result = await hooks.setPaused(extension, false, wrapup.callId);
        if (!result.ok) return result;
      }
      return actionOk(ended);
    },
    onEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    configure(next) {
      options = { ...next };
    },
    options: () => ({ ...options }),
    stop() {
      unsubscribe();
      for (const wrapup of running.values()) wrapup.timer.cancel();
      running.clear();
    },
  };
}
