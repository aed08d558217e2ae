import { qualifiedId, type LiveUpdate, type Snapshot } from '../contract';
import { LiveModel } from './model';
import { qualifyCall, qualifyExtension, qualifyNotice, qualifyQueue } from './pbx-qualify';

/**
 * One PBX's own live model, for a console that watches several (contract/pbx-ids.ts).
 * Its AMI backend builds the model with the PBX's ids, unchanged; every change is
 * copied into the shared model with the PBX's prefix. A resync's `reset` replaces
 * only this PBX's entries there: the other PBXs' calls go on untouched.
 */
export interface PbxScope {
  readonly pbx: string;
  /** What the PBX's backend writes into. */
  readonly model: LiveModel;
  stop(): void;
}

export function scopePbx(shared: LiveModel, pbx: string): PbxScope {
  const own = new LiveModel(() => shared.now());
  const prefix = qualifiedId(pbx, '');

  const replaceAll = (snapshot: Snapshot): void => {
    const extensions = new Set(snapshot.extensions.map((extension) => qualifiedId(pbx, extension.id)));
    const calls = new Set(snapshot.calls.map((call) => qualifiedId(pbx, call.id)));
    const queues = new Set(snapshot.queues.map((queue) => qualifiedId(pbx, queue.name)));
    const now = shared.now();
    for (const id of [...shared.extensions.keys()]) if (id.startsWith(prefix) && !extensions.has(id)) shared.removeExtension(id);
    for (const id of [...shared.calls.keys()]) if (id.startsWith(prefix) && !calls.has(id)) shared.endCall(id, now);
    for (const name of [...shared.queues.keys()]) if (name.startsWith(prefix) && !queues.has(name)) shared.removeQueue(name);
    for (const extension of snapshot.extensions) shared.putExtension(qualifyExtension(pbx, extension));
    for (const call of snapshot.calls) shared.putCall(qualifyCall(pbx, call));
    for (const queue of snapshot.queues) shared.putQueue(qualifyQueue(pbx, queue));
  };

  const copy = (update: LiveUpdate): void => {
    switch (update.kind) {
      case 'extension': return shared.putExtension(qualifyExtension(pbx, update.extension));
      case 'extensionRemoved': return shared.removeExtension(qualifiedId(pbx, update.id));
      case 'call': return shared.putCall(qualifyCall(pbx, update.call));
      case 'callEnded': return shared.endCall(qualifiedId(pbx, update.call.id), update.call.endedAt ?? shared.now());
      case 'queue': return shared.putQueue(qualifyQueue(pbx, update.queue));
      case 'queueRemoved': return shared.removeQueue(qualifiedId(pbx, update.name));
      case 'connection': return shared.putConnection(update.connection);
      case 'notice': return shared.putNotice(qualifyNotice(pbx, update.notice));
      case 'noticeRemoved': return shared.removeNotice(qualifiedId(pbx, update.id));
      case 'reset': return replaceAll(update.snapshot);
      // The rest (days, samples, alerts, jobs, settings) are the core's, made on the shared model.
      default: return undefined;
    }
  };

  const unsubscribe = own.subscribe(copy);
  return { pbx, model: own, stop: unsubscribe };
}
