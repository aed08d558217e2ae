import type { Pbx } from './pbx';
import type { Agent } from './pbx-state';
import { InboundCall } from './story/inbound-call';
import { pauseMember } from './story/members';
import { placeInternalCall } from './story/internal-call';
import { hourOfDay } from '../base/time-zone';

export interface SimulationOptions {
  /** Mean inbound calls per hour per queue at the daily peak (scaled by agents). */
  peakCallsPerHour?: number;
  /** Sustain about this many AMI events per second of virtual time (benchmarks). */
  loadEventsPerSecond?: number;
  /** Keep the peak hour's traffic all day: a demo or a test run at night still has calls to watch. */
  isAlwaysPeak?: boolean;
}

/** Relative call volume by PBX-local hour: a working-day curve with a lunch dip. */
const DAILY_CURVE = [0.05, 0.03, 0.02, 0.02, 0.03, 0.05, 0.15, 0.35, 0.8, 1, 0.95, 0.85, 0.55, 0.7, 0.95, 1, 0.9, 0.7, 0.45, 0.3, 0.2, 0.15, 0.1, 0.07];
const PAUSE_REASONS = ['Lunch', 'Training', 'After-call work', 'Coaching', 'Break'];
/** An inbound call in s02 produces ~200 AMI events; used to size load mode. */
const EVENTS_PER_CALL = 200;

/**
 * The living call center: Poisson arrivals per queue, agents who answer after a
 * few rings (or not: AgentRingNoAnswer), callers with finite patience, holds,
 * wrap-up pauses, breaks with reasons, and some internal calls. Every decision
 * draws from the seeded PRNG, in virtual-clock order, so a seed replays exactly.
 */
export class Simulation {
  private isRunning = false;
  private callSeq = 0;

  constructor(private readonly pbx: Pbx, private readonly options: SimulationOptions = {}) {}

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    for (const queue of this.pbx.state.queues.keys()) this.scheduleArrival(queue);
    this.scheduleBreaks();
    this.scheduleInternalCall();
  }

  stop(): void {
    this.isRunning = false;
  }

  private hourFactor(): number {
    if (this.options.isAlwaysPeak) return 1;
    return DAILY_CURVE[hourOfDay(this.pbx.now(), this.pbx.config.timeZone)] ?? 0.5;
  }

  private meanGapMs(queue: string): number {
    const queues = this.pbx.state.queues.size || 1;
    if (this.options.loadEventsPerSecond) return (1000 * EVENTS_PER_CALL * queues) / this.options.loadEventsPerSecond;
    const members = this.pbx.state.queues.get(queue)?.members.length ?? 1;
    const perHour = (this.options.peakCallsPerHour ?? members * 12) * Math.max(0.05, this.hourFactor());
    return 3_600_000 / perHour;
  }

  private scheduleArrival(queue: string): void {
    const { pbx } = this;
    pbx.clock.after(pbx.random.exponential(this.meanGapMs(queue)), () => {
      if (!this.isRunning) return;
      this.placeCall(queue);
      this.scheduleArrival(queue);
    });
  }

  private placeCall(queue: string): void {
    const { random } = this.pbx;
    const callerNumber = `0611${String(100000 + ((this.callSeq++ * 7919 + random.int(0, 9999)) % 900000)).padStart(6, '0')}`;
    const call = new InboundCall(this.pbx, {
      queue, callerNumber,
      answerDelay: () => (random.chance(0.9) ? random.int(1500, 9000) : undefined),
      patienceMs: random.int(15_000, 180_000),
      talkMs: Math.round(random.exponential(150_000)) + 20_000,
      ...(random.chance(0.15) ? { holdMs: random.int(10_000, 40_000) } : {}),
      hangupSide: random.chance(0.6) ? 'caller' : 'agent',
    });
    call.onEnded = (agent) => this.wrapUp(agent);
    this.pbx.state.processedCalls++;
    call.start();
  }

  /** api.conf `pausetime=yes`: agents are paused for after-call work, at most 30 s. */
  private wrapUp(agent: Agent): void {
    const { pbx } = this;
    if (!this.isRunning || !pbx.random.chance(0.5)) return;
    pauseMember(pbx, agent.device, '', true, 'After-call work');
    pbx.clock.after(pbx.random.int(5_000, 30_000), () => pauseMember(pbx, agent.device, '', false, ''));
  }

  private scheduleBreaks(): void {
    const { pbx } = this;
    const agents = [...pbx.state.agents.values()];
    if (agents.length === 0) return;
    pbx.clock.after(pbx.random.exponential(3_600_000 / agents.length), () => {
      if (!this.isRunning) return;
      const agent = pbx.random.pick(agents);
      const reason = pbx.random.pick(PAUSE_REASONS);
      if (pauseMember(pbx, agent.device, '', true, reason).isOk) {
        pbx.clock.after(pbx.random.int(120_000, 1_800_000), () => pauseMember(pbx, agent.device, '', false, ''));
      }
      this.scheduleBreaks();
    });
  }

  private scheduleInternalCall(): void {
    const { pbx } = this;
    const agents = [...pbx.state.agents.values()];
    if (agents.length < 2) return;
    pbx.clock.after(pbx.random.exponential(36_000_000 / agents.length), () => {
      if (!this.isRunning) return;
      const from = pbx.random.pick(agents);
      const to = pbx.random.pick(agents);
      if (from !== to && !from.isBusy) placeInternalCall(pbx, { from, to: to.exten, talkMs: pbx.random.int(20_000, 120_000) });
      this.scheduleInternalCall();
    });
  }
}
