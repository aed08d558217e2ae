import { header as str, type AmiMessage } from '../ami/message';
import type { Queue, QueueCaller, QueueMember } from '../contract';
import { extensionOfDevice, type DeviceRules } from './device-naming';
import { extensionStateFromDeviceState } from './extension-state';
import type { LiveCaps } from './live-limits';
import type { LiveModel } from './model';

interface QueueEntry {
  queue: Queue;
  /** Lower-case interface → member: Asterisk matches interfaces case-insensitively. */
  members: Map<string, QueueMember>;
  /** Channel → waiting caller (the queue's `callers` in position order hold the same): a long queue is searched without a scan. */
  callers: Map<string, QueueCaller>;
}

/**
 * Queues from app_queue events: QueueParams/QueueMember/QueueEntry (QueueStatus
 * items), QueueMember{Status,Added,Removed,Pause,Penalty,Ringinuse}, QueueCaller{Join,Leave},
 * AgentConnect/AgentComplete for who is in a call. The day's figures are the queue
 * ledger's (live/queue-attempts.ts, stats/day-ledger.ts), not counted here. Paused members show up
 * as pseudo-devices `Queue:630_pause_SIP/800` in DeviceStateChange; those are
 * ignored (QueueMemberPause carries the same news with the reason). Queues, members per
 * queue and waiting callers per queue are bounded (live-limits.ts).
 */
export class QueueTracker {
  private readonly byName = new Map<string, QueueEntry>();
  /** queue + lower-case interface → the caller Uniqueid it is connected to (AgentConnect until AgentComplete). */
  private readonly connected = new Map<string, string>();

  constructor(
    private model: LiveModel,
    private readonly rules: DeviceRules,
    private readonly caps: LiveCaps,
  ) {}

  rebind(model: LiveModel): void {
    this.model = model;
  }

  /** Names of the queues this tracker publishes. */
  queueNames(): IterableIterator<string> {
    return this.byName.keys();
  }

  /**
   * False when no member of the queue is logged in and reachable (all unavailable, or none);
   * undefined when the queue is not known. Paused members are logged in.
   */
  isAnyMemberLoggedIn(name: string): boolean | undefined {
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    return entry.queue.members.some((member) => member.state !== 'unavailable' && member.state !== 'unknown');
  }

  /** AgentConnect: the member is in a call of this queue (Asterisk's "(in call)"). */
  memberConnected(name: string, memberInterface: string, callerUniqueid: string): void {
    const member = this.byName.get(name)?.members.get(memberInterface.toLowerCase());
    if (!member) return;
    this.connected.set(`${name}|${memberInterface.toLowerCase()}`, callerUniqueid);
    member.isInCall = true;
    this.publish(name);
  }

  /** AgentComplete: the call ended; it counts as taken now, whichever QueueMemberStatus comes later. */
  memberCompleted(name: string, memberInterface: string, now: number): void {
    const key = `${name}|${memberInterface.toLowerCase()}`;
    this.connected.delete(key);
    const member = this.byName.get(name)?.members.get(memberInterface.toLowerCase());
    if (!member) return;
    member.isInCall = false;
    member.callsTaken += 1;
    member.lastCallAt = now;
    this.publish(name);
  }

  /** Put a queue back in the model after a member change. */
  private publish(name: string): void {
    const entry = this.byName.get(name);
    if (entry) this.model.putQueue(entry.queue);
  }

  /** QueueStatus item: Event QueueParams — Queue, Strategy, ServiceLevel. */
  onQueueParams(message: AmiMessage): void {
    const entry = this.ensure(str(message, 'queue'));
    if (!entry) return;
    entry.queue.strategy = str(message, 'strategy') || entry.queue.strategy;
    this.model.putQueue(entry.queue);
  }

  /**
   * QueueMember (QueueStatus item: Location/Name), QueueMemberStatus, QueueMemberAdded,
   * QueueMemberPause, QueueMemberPenalty, QueueMemberRinginuse (Interface/MemberName).
   */
  onMember(message: AmiMessage, now: number, isLivePause: boolean): void {
    const name = str(message, 'queue');
    if (!name) return;
    const entry = this.ensure(name);
    const memberInterface = str(message, 'interface') || str(message, 'location');
    if (!entry || !memberInterface) return;
    const key = memberInterface.toLowerCase();
    let member = entry.members.get(key);
    if (!member) {
      if (entry.members.size >= this.caps.limits.maxMembersPerQueue) return this.caps.hit('members');
      member = {
        interface: memberInterface,
        extension: '',
        name: '',
        penalty: 0,
        isPaused: false,
        state: 'unknown',
        isInCall: false,
        callsTaken: 0,
        membership: 'static',
      };
      entry.members.set(key, member);
      entry.queue.members.push(member);
    }
    const stateInterface = str(message, 'stateinterface') || memberInterface;
    member.extension = extensionOfDevice(stateInterface, this.rules) ?? extensionOfDevice(memberInterface, this.rules) ?? stateInterface;
    member.name = str(message, 'membername') || str(message, 'name') || member.name || memberInterface;
    const penalty = Number(str(message, 'penalty'));
    if (Number.isFinite(penalty) && str(message, 'penalty') !== '') member.penalty = penalty;
    if (message.membership !== undefined) member.membership = str(message, 'membership');
    // Asterisk counts a call as taken at its end or when the phone goes idle, whichever comes first: never step back.
    const callsTaken = Number(str(message, 'callstaken'));
    if (Number.isFinite(callsTaken) && (callsTaken >= member.callsTaken || message.event === 'QueueMember')) member.callsTaken = callsTaken;
    const lastCall = Number(str(message, 'lastcall'));
    if (lastCall > 0) member.lastCallAt = lastCall * 1000;
    const lastPause = Number(str(message, 'lastpause'));
    if (lastPause > 0) member.lastPausedAt = lastPause * 1000;
    const loginTime = Number(str(message, 'logintime'));
    if (loginTime > 0) member.loggedInAt = loginTime * 1000;
    // InCall from Asterisk, unless our AgentConnect says the member is still talking.
    if (message.incall !== undefined) member.isInCall = str(message, 'incall') === '1' || this.connected.has(`${name}|${key}`);
    if (message.status !== undefined) member.state = extensionStateFromDeviceState(str(message, 'status'));
    if (message.paused !== undefined) this.setPaused(member, message, now, isLivePause);
    this.model.putQueue(entry.queue);
  }

  onMemberRemoved(message: AmiMessage, now: number): void {
    const entry = this.byName.get(str(message, 'queue'));
    if (!entry) return;
    const key = (str(message, 'interface') || str(message, 'location')).toLowerCase();
    const member = entry.members.get(key);
    if (!member) return;
    entry.members.delete(key);
    entry.queue.members = entry.queue.members.filter((m) => m !== member);
    void now;
    this.model.putQueue(entry.queue);
  }

  /** QueueCallerJoin (live) or QueueEntry (QueueStatus item, with `Wait` seconds). */
  onCallerJoin(message: AmiMessage, callId: string, now: number, isSnapshot: boolean): void {
    const entry = this.ensure(str(message, 'queue'));
    if (!entry) return;
    const channel = str(message, 'channel');
    const callers = entry.queue.callers;
    const existing = entry.callers.get(channel);
    if (!existing && callers.length >= this.caps.limits.maxCallersPerQueue) {
      // The one waiting longest goes: a caller whose leave was never sent is likelier there than among the new ones.
      const longest = callers.shift();
      if (longest) entry.callers.delete(longest.channel);
      this.caps.hit('callers');
    }
    const wait = Number(str(message, 'wait'));
    const caller: QueueCaller = existing ?? {
      callId,
      channel,
      callerNum: str(message, 'calleridnum'),
      position: 0,
      joinedAt: isSnapshot && wait > 0 ? now - wait * 1000 : now,
    };
    const callerName = str(message, 'calleridname');
    if (callerName && callerName !== '<unknown>') caller.callerName = callerName;
    caller.position = Number(str(message, 'position')) || callers.length + (existing ? 0 : 1);
    if (!existing) {
      callers.push(caller);
      entry.callers.set(channel, caller);
    }
    // Asterisk's positions are contiguous; renumbering keeps them so when events arrive out of order.
    // A newcomer at the end (the usual join) leaves the list in order: no sort, so a long queue stays cheap.
    const isInOrder = !existing && (callers.at(-2)?.position ?? 0) <= caller.position;
    if (!isInOrder) callers.sort((a, b) => a.position - b.position);
    for (let i = 0; i < callers.length; i++) (callers[i] as QueueCaller).position = i + 1;
    this.model.putQueue(entry.queue);
  }

  /** QueueCallerLeave: the caller left (answered, abandoned, timed out); positions behind it move up. */
  onCallerLeave(message: AmiMessage, now: number): void {
    const entry = this.byName.get(str(message, 'queue'));
    if (!entry) return;
    this.removeCaller(entry, str(message, 'channel'));
    void now;
  }

  /** A channel hung up: it is no longer waiting in any queue (a lost QueueCallerLeave must not leave it there). */
  onChannelGone(channel: string): void {
    for (const entry of this.byName.values()) this.removeCaller(entry, channel);
  }

  private removeCaller(entry: QueueEntry, channel: string): void {
    const caller = entry.callers.get(channel);
    if (!caller) return;
    entry.callers.delete(channel);
    const callers = entry.queue.callers;
    callers.splice(callers.indexOf(caller), 1);
    for (let i = 0; i < callers.length; i++) (callers[i] as QueueCaller).position = i + 1;
    this.model.putQueue(entry.queue);
  }

  callerCount(name: string): number {
    return this.byName.get(name)?.queue.callers.length ?? 0;
  }

  private setPaused(member: QueueMember, message: AmiMessage, now: number, isLivePause: boolean): void {
    const isPaused = str(message, 'paused') === '1';
    const reason = str(message, 'pausedreason') || str(message, 'reason');
    if (isPaused) {
      if (!member.isPaused || member.pausedSince === undefined) {
        member.pausedSince = !isLivePause && member.lastPausedAt !== undefined ? member.lastPausedAt : now;
      }
      member.isPaused = true;
      if (reason) member.pauseReason = reason;
      else delete member.pauseReason;
    } else {
      if (member.isPaused && isLivePause) member.unpausedAt = now;
      member.isPaused = false;
      delete member.pauseReason;
      delete member.pausedSince;
    }
  }

  /** The queue's entry, created on first sight; undefined past the queue bound. */
  private ensure(name: string): QueueEntry | undefined {
    let entry = this.byName.get(name);
    if (!entry) {
      if (this.byName.size >= this.caps.limits.maxQueues) {
        this.caps.hit('queues');
        return undefined;
      }
      entry = {
        queue: { name, members: [], callers: [] },
        members: new Map(),
        callers: new Map(),
      };
      this.byName.set(name, entry);
      this.model.putQueue(entry.queue);
    }
    return entry;
  }
}
