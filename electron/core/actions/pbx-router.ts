import type { ActionResult } from '../contract/method';
import { splitPbxId } from '../contract/pbx-ids';
import { actionFail, actionOk, type BlacklistEntry, type PbxActions } from './backend';

/**
 * The actions of a console that watches several PBXs (contract/pbx-ids.ts): each
 * request goes to the PBX its ids name, with the PBX's own ids. A request that names
 * two PBXs (a supervisor of one listening to an agent of the other) is refused: no
 * PBX can bridge another's channels. The blacklist is the group's: a number is
 * listed, noted and removed on every PBX, and the list is their union.
 */
export function routeByPbx(byPbx: ReadonlyMap<string, PbxActions>): PbxActions {
  const pbxs = new Set(byPbx.keys());

  /** The one PBX `ids` name (undefined ids ignored) and a translator to its own ids. */
  function target(ids: (string | undefined)[]): ActionResult<{ actions: PbxActions; local: (id: string) => string }> {
    const named = new Set(ids.flatMap((id) => (id === undefined ? [] : [splitPbxId(id, pbxs).pbx ?? ''])));
    if (named.has('')) return actionFail('invalid', `say which PBX: ids here carry their PBX first (${[...pbxs].map((pbx) => `${pbx}:800`).join(', ')})`);
    if (named.size !== 1) return actionFail('invalid', `the targets are on different PBXs (${[...named].join(', ')})`);
    const [pbx] = named as Set<string>;
    const actions = byPbx.get(pbx as string) as PbxActions;
    if (!actions.isConnected()) return actionFail('disconnected', `PBX ${pbx} is not connected`);
    return actionOk({ actions, local: (id: string) => splitPbxId(id, pbxs).local });
  }

  /** A destination typed as a number stays as typed; one naming a PBX (an agent, a queue) must be the target's. */
  function destinationOn(destination: string, callId: string): ActionResult<string> {
    const { pbx, local } = splitPbxId(destination, pbxs);
    if (pbx !== undefined && pbx !== splitPbxId(callId, pbxs).pbx) return actionFail('invalid', `${destination} is on another PBX than the call`);
    return actionOk(local);
  }

  async function everyPbx(run: (actions: PbxActions) => Promise<ActionResult>): Promise<ActionResult> {
    for (const [pbx, actions] of byPbx) {
      const result = await run(actions);
      if (!result.ok) return actionFail(result.error.code, `PBX ${pbx}: ${result.error.message}`);
    }
    return actionOk();
  }

  return {
    kind: 'ami',
    isConnected: () => [...byPbx.values()].some((actions) => actions.isConnected()),
    canRedirect: [...byPbx.values()].every((actions) => actions.canRedirect),
    async pause(request) {
      const to = target([request.extension]);
      if (!to.ok) return to;
      const { actions, local } = to.value;
      return actions.pause({
        ...request,
        extension: local(request.extension),
        memberQueues: request.memberQueues.map(local),
        ...(request.queue === undefined ? {} : { queue: local(request.queue) }),
      });
    },
    async queueLogin(request) {
      const to = target([request.extension, request.queue]);
      if (!to.ok) return to;
      return to.value.actions.queueLogin({ ...request, extension: to.value.local(request.extension), queue: to.value.local(request.queue) });
    },
    async queueLogout(request) {
      const to = target([request.extension, request.queue]);
      if (!to.ok) return to;
      return to.value.actions.queueLogout({ ...request, extension: to.value.local(request.extension), queue: to.value.local(request.queue) });
    },
    async spy(request) {
      const to = target([request.supervisorExtension, request.targetExtension]);
      if (!to.ok) return to;
      const { actions, local } = to.value;
      return actions.spy({ ...request, supervisorExtension: local(request.supervisorExtension), targetExtension: local(request.targetExtension) });
    },
    async spyMode(request) {
      const to = target([request.callId]);
      return to.ok ? to.value.actions.spyMode({ ...request, callId: to.value.local(request.callId) }) : to;
    },
    async transfer(request) {
      const to = target([request.leg.callId, request.leg.extension]);
      if (!to.ok) return to;
      const destination = destinationOn(request.destination, request.leg.callId);
      if (!destination.ok) return destination;
      const { actions, local } = to.value;
      const leg = { ...request.leg, callId: local(request.leg.callId), ...(request.leg.extension === undefined ? {} : { extension: local(request.leg.extension) }) };
      return actions.transfer({ ...request, leg, destination: destination.value });
    },
    async redirect(request) {
      const to = target([request.callId]);
      if (!to.ok) return to;
      const destination = destinationOn(request.destination, request.callId);
      if (!destination.ok) return destination;
      return to.value.actions.redirect({ ...request, callId: to.value.local(request.callId), destination: destination.value });
    },
    async hangup(leg) {
      const to = target([leg.callId, leg.extension]);
      if (!to.ok) return to;
      const { actions, local } = to.value;
      return actions.hangup({ ...leg, callId: local(leg.callId), ...(leg.extension === undefined ? {} : { extension: local(leg.extension) }) });
    },
    async dial(request) {
      const to = target([request.sourceExtension]);
      return to.ok ? to.value.actions.dial({ ...request, sourceExtension: to.value.local(request.sourceExtension) }) : to;
    },
    async blacklistList() {
      const union = new Map<string, BlacklistEntry>();
      for (const [pbx, actions] of byPbx) {
        const list = await actions.blacklistList();
        if (!list.ok) return actionFail(list.error.code, `PBX ${pbx}: ${list.error.message}`);
        for (const entry of list.value) if (!union.has(entry.number)) union.set(entry.number, entry);
      }
      return actionOk([...union.values()]);
    },
    blacklistAdd: (entry) => everyPbx((actions) => actions.blacklistAdd(entry)),
    blacklistRemove: (number) => everyPbx((actions) => actions.blacklistRemove(number)),
    blacklistSetNote: (entry) => everyPbx((actions) => actions.blacklistSetNote(entry)),
    async recording(file) {
      // A recording's name carries no PBX: the first that has it plays it.
      let last: ActionResult<never> = actionFail('not_found', `recording ${file} not found`);
      for (const actions of byPbx.values()) {
        const found = await actions.recording(file);
        if (found.ok) return found;
        last = found;
      }
      return last;
    },
  };
}
