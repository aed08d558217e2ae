import type { CallRecord } from '../../electron/core/contract/history';
import type { CallStore } from '../../electron/core/store/call-store';
import { DAY_MS, wallToUtc } from '../../electron/core/base/time-zone';

// Realistic cc_cdr-like calls for tests and the benchmark. Call i is a pure function of
// (options, i), so a test can regenerate any call to compute expected answers on its own,
// and calls come out in time order (the way a live PBX fills the cache).

export interface GenerateOptions {
  count: number;
  /** First local day, 'YYYY-MM-DD' in `timeZone`. */
  firstDay: string;
  days: number;
  timeZone: string;
  queues?: string[];
  agents?: string[];
  seed?: number;
}

const defaultQueues = ['600', '610', '620', '630', '640', '650', '660', '670'];
const defaultAgents = Array.from({ length: 200 }, (_, index) => String(8000 + index));
const missCauses = ['NO_ASSIGN', 'NO_AGENT_ANSWER', 'NO_AGENT_LOGIN', 'MEMBER_CANCEL'];
// Relative call volume per local hour of day: a call center's office-hours curve.
const hourWeights = [1, 1, 1, 1, 1, 2, 4, 8, 20, 30, 32, 30, 22, 26, 30, 30, 28, 22, 14, 10, 8, 6, 3, 2];
const hourCdf = (() => {
  const total = hourWeights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return hourWeights.map((weight) => (running += weight / total));
})();

/** mulberry32 seeded per call: independent of generation order. */
function randomFor(seed: number, index: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fraction of a day → ms into the local day, following the hour curve (monotonic). */
function timeOfDay(fraction: number): number {
  let hour = 0;
  while (hour < 23 && hourCdf[hour]! < fraction) hour += 1;
  const below = hour === 0 ? 0 : hourCdf[hour - 1]!;
  const within = (fraction - below) / (hourCdf[hour]! - below);
  return (hour + Math.min(Math.max(within, 0), 0.999999)) * 3_600_000;
}

export function generateCallRecord(options: GenerateOptions, index: number): CallRecord {
  const random = randomFor(options.seed ?? 1, index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const queues = options.queues ?? defaultQueues;
  const agents = options.agents ?? defaultAgents;
  const position = (index / options.count) * options.days;
  const day = Math.floor(position);
  const firstDayWall = Date.parse(`${options.firstDay}T00:00:00Z`);
  const startedAt = wallToUtc(firstDayWall + day * DAY_MS + Math.floor(timeOfDay(position - day)), options.timeZone);
  const kind = random();
  const uniqueid = `${Math.floor(startedAt / 1000)}.${index}`;
  const callerNum = `1${3 + Math.floor(random() * 6)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  if (kind >= 0.85) {
    // Outbound (10 %) or internal (5 %) calls: no queue, one agent, cdr-style disposition.
    const isOutbound = kind < 0.95;
    const agent = pick(agents);
    const isAnswered = random() < 0.7;
    const ringSeconds = 3 + Math.floor(random() * 20);
    const talkSeconds = isAnswered ? 10 + Math.floor(random() * 300) : 0;
    const duration = ringSeconds + talkSeconds;
    const call: CallRecord = {
      uniqueid, source: 'cdr', direction: isOutbound ? 'outbound' : 'internal', callClass: isOutbound ? 'customer' : 'internal',
      callerNum: agent, calledNum: isOutbound ? callerNum : pick(agents), agent, startedAt,
      endedAt: startedAt + duration * 1000, duration, queueSeconds: 0, ringSeconds, talkSeconds, holdSeconds: 0,
      wrapupSeconds: 0, ivrSeconds: 0, isAnswered, disposition: isAnswered ? 'ANSWERED' : 'NO ANSWER',
    };
    if (isAnswered) {
      call.answeredAt = startedAt + ringSeconds * 1000;
      call.recordingFile = `monitor/${uniqueid}.wav`;
    }
    return call;
  }
  const queueIndex = Math.floor(random() * queues.length);
  const queue = queues[queueIndex]!;
  // Each agent serves one queue (agent i → queue i mod queues), as skill groups do.
  const queueAgents = agents.filter((_, agentIndex) => agentIndex % queues.length === queueIndex);
  const pickAgent = () => pick(queueAgents.length > 0 ? queueAgents : agents);
  const ivrSeconds = random() < 0.6 ? 3 + Math.floor(random() * 15) : 0;
  const isAnswered = random() < 0.82;
  const queueSeconds = Math.floor(-Math.log(1 - random() * 0.999) * (isAnswered ? 15 : 35));
  const call: CallRecord = {
    uniqueid, source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum, calledNum: `40088${pick(['12345', '67890', '24680'])}`,
    queue, startedAt, endedAt: startedAt, duration: 0, queueSeconds, ringSeconds: 0, talkSeconds: 0, holdSeconds: 0,
    wrapupSeconds: 0, ivrSeconds, isAnswered, trunkNumber: '4008812345',
    hangupSide: random() < 0.6 ? 'caller' : 'agent', hangupCause: 'NORMAL_CLEARING',
  };
  if (ivrSeconds > 0) {
    call.ivrId = '610';
    call.ivrName = 'workingtime';
    call.ivrDtmf = String(1 + Math.floor(random() * 3));
  }
  if (isAnswered) {
    call.agent = pickAgent();
    call.ringSeconds = Math.min(queueSeconds, 2 + Math.floor(random() * 10));
    call.talkSeconds = 20 + Math.floor(-Math.log(1 - random() * 0.999) * 180);
    call.holdSeconds = random() < 0.15 ? 5 + Math.floor(random() * 60) : 0;
    call.wrapupSeconds = Math.floor(random() * 31);
    const isScored = random() < 0.4;
    if (isScored) call.score = 1 + Math.floor(random() * 5);
    call.cdrState = isScored ? 'feedback' : 'bridged';
    call.answeredAt = startedAt + (ivrSeconds + queueSeconds) * 1000;
    call.recordingFile = `monitor/${uniqueid}.wav`;
  } else {
    call.missCause = pick(missCauses);
    if (call.missCause === 'NO_AGENT_ANSWER' || call.missCause === 'MEMBER_CANCEL') call.agent = pickAgent();
    call.cdrState = 'queue';
    call.hangupSide = 'caller';
  }
  call.duration = ivrSeconds + queueSeconds + call.talkSeconds + call.holdSeconds;
  call.endedAt = startedAt + call.duration * 1000;
  return call;
}

/**
 * Inserts `options.count` generated calls in batches through the store (rollups included).
 * The page cache is raised to `cacheMiB` meanwhile: the random caller_num index thrashes
 * SQLite's default 2 MB cache once the table holds millions of rows.
 */
export function generateCalls(store: CallStore, options: GenerateOptions, onProgress?: (rowsDone: number) => void, batchSize = 10_000, cacheMiB = 256): void {
  const previousCache = store.db.pragma('cache_size', { simple: true }) as number;
  store.db.pragma(`cache_size = ${-cacheMiB * 1024}`);
  try {
    for (let start = 0; start < options.count; start += batchSize) {
      const batch: CallRecord[] = [];
      for (let index = start; index < Math.min(options.count, start + batchSize); index += 1) batch.push(generateCallRecord(options, index));
      store.upsertCalls(batch);
      onProgress?.(start + batch.length);
    }
  } finally {
    store.db.pragma(`cache_size = ${previousCache}`);
  }
}
