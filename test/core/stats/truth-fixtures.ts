import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// The call-statistics ground truth (test/fixtures/truth/README.md): per scenario the AMI
// capture, the queue_log and Master.csv slices of the same calls, and expected.json
// derived from queue_log by derive-expected.py.

export const TRUTH_DIR = path.join(import.meta.dirname, '../../fixtures/truth');

export interface ExpectedCall {
  callId: string;
  queue: string;
  callerId: string;
  entryPosition: number | null;
  enteredAt: number;
  outcome: string;
  endedAt: number | null;
  agent: string | null;
  agentUniqueid: string | null;
  connectedAt: number | null;
  waitSeconds: number | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  hangupSide: 'caller' | 'agent' | 'transfer' | null;
  transferTo: null | { kind: 'blind'; exten: string; context: string } | { kind: 'attended'; destType: string; dest: string[] };
  exitPosition: number | null;
  ringNoAnswer: { time: number; agent: string; ms: number }[];
}

export interface ExpectedQueue {
  offered: number;
  answered: number;
  abandoned: number;
  exitEmpty: number;
  exitWithTimeout: number;
  exitWithKey: number;
  withdrawn: number;
  transferred: number;
  unanswered: number;
  answeredWithin20s: number;
  serviceLevel20: number | null;
  asa: number | null;
  aht: number | null;
  waitSecondsAnsweredSum: number;
  talkSecondsAnsweredSum: number;
  ringNoAnswer: number;
}

export interface Expected {
  scenario: string;
  calls: ExpectedCall[];
  queues: Record<string, ExpectedQueue>;
  cdr: Record<string, { channel: string; dstchannel: string; disposition: string; billsec: number }[]>;
}

export function truthScenarios(): string[] {
  return readdirSync(TRUTH_DIR).filter((file) => file.endsWith('.expected.json')).map((file) => file.replace('.expected.json', '')).sort();
}

export function truthExpected(name: string): Expected {
  return JSON.parse(readFileSync(path.join(TRUTH_DIR, `${name}.expected.json`), 'utf8')) as Expected;
}

export function truthScript(name: string): { transcript: string; notes: string } {
  return {
    transcript: readFileSync(path.join(TRUTH_DIR, `${name}.ami`), 'latin1'),
    notes: readFileSync(path.join(TRUTH_DIR, `${name}.md`), 'utf8'),
  };
}

export function truthFile(name: string, extension: 'queue_log' | 'cdr.csv'): string {
  return readFileSync(path.join(TRUTH_DIR, `${name}.${extension}`), 'utf8');
}

/** queue_log names members `Agent 800` (log_membername_as_agent=yes, member names `Agent 8NN`); we name the extension. */
export function extensionOfAgent(agent: string | null): string | undefined {
  if (agent === null) return undefined;
  return /(\d+)$/.exec(agent)?.[1] ?? agent;
}

/** How an expected call's transfer reads in our terms (queue_log BLINDTRANSFER exten@context, ATTENDEDTRANSFER its target). */
export function transferOf(call: ExpectedCall): { kind: 'blind' | 'attended'; to: string } | undefined {
  if (!call.transferTo) return undefined;
  if (call.transferTo.kind === 'blind') return { kind: 'blind', to: `${call.transferTo.exten}@${call.transferTo.context}` };
  return { kind: 'attended', to: call.transferTo.dest.join(',') };
}
