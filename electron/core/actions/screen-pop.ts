import type { Call } from '../contract/model';
import type { LiveModel } from '../live/model';

/** A ringing agent's screen pop: api.conf `pop_url` with the caller's number; the Electron edge opens it. */
export interface ScreenPop {
  extension: string;
  callId: string;
  callerNum: string;
  url: string;
}

export function screenPopUrl(popUrl: string, callerNum: string): string {
  return `${popUrl}${popUrl.includes('?') ? '&' : '?'}caller=${encodeURIComponent(callerNum)}`;
}

/** Emits one ScreenPop per (call, agent) the first time the agent rings for that call. */
export function watchScreenPops(model: LiveModel, popUrl: string, emit: (pop: ScreenPop) => void): () => void {
  const popped = new Map<string, Set<string>>();
  const ringingOf = (call: Call): string[] => {
    const agents = new Set(call.ringingAgents ?? []);
    if (call.state === 'ringing' && call.agent) agents.add(call.agent);
    return [...agents];
  };
  return model.subscribe((update) => {
    if (update.kind === 'callEnded') return void popped.delete(update.call.id);
    if (update.kind === 'reset') return void popped.clear();
    if (update.kind !== 'call') return;
    const { call } = update;
    for (const extension of ringingOf(call)) {
      if (extension === call.callerNum) continue;
      let seen = popped.get(call.id);
      if (!seen) popped.set(call.id, (seen = new Set()));
      if (seen.has(extension)) continue;
      seen.add(extension);
      emit({ extension, callId: call.id, callerNum: call.callerNum, url: screenPopUrl(popUrl, call.callerNum) });
    }
  });
}
