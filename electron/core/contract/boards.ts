import { z } from 'zod';
import { allQueuesKey } from './figures';
import { thresholdProblems, thresholdsByQueueSchema, type ThresholdProblem, type ThresholdsByQueue } from './methods/settings';

// Named wallboard layouts ("boards"): which tiles in which order, which queues, which
// chart and which alert levels one TV shows, kept by the core (settings store) so a TV
// needs only `#/tv?board=<name>`. Core and renderer share these checks.

/** The wallboard's tiles, in the order the default board shows them (6 large, then 7 small). */
export const boardTileKinds = [
  'waiting', 'longestWait', 'serviceLevel', 'available', 'onCall', 'paused',
  'offered', 'answered', 'abandoned', 'asa', 'aht', 'activeCalls', 'callbacks',
] as const;
export type BoardTileKind = (typeof boardTileKinds)[number];

/** `both`: today's calls per hour beside the agents of the last hours; `none`: tiles only. */
export const boardCharts = ['both', 'hours', 'agents', 'none'] as const;
export type BoardChart = (typeof boardCharts)[number];

export const boardLimits = {
  boards: 50,
  queues: 50,
  /** A board's own thresholds: every queue of the board and '*'. */
  thresholdScopes: 51,
  titleLength: 80,
  minRotateSeconds: 3,
  maxRotateSeconds: 3600,
} as const;

/** Lower-case letters, digits and dashes: it goes into a TV's address as it is. */
export const boardNamePattern = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export interface Board {
  name: string;
  title: string;
  /** Shown in turn; '*' is all queues together; empty: all queues together, then each queue (the TV's default). */
  queues: string[];
  /** Each kind at most once, in the order shown. */
  tiles: BoardTileKind[];
  chart: BoardChart;
  topAgents: boolean;
  /** Seconds per queue when the board shows more than one. */
  rotateSeconds: number;
  /** This board's own alert levels (a whole map, as Settings keeps it); absent: the shared levels of Settings. */
  thresholds?: ThresholdsByQueue;
}

/** What a board is when none is named: today's wallboard and TV. */
export const defaultBoard: Board = {
  name: 'default',
  title: '',
  queues: [],
  tiles: [...boardTileKinds],
  chart: 'both',
  topAgents: false,
  rotateSeconds: 15,
};

const queueName = z.string().trim().min(1).max(64);

export const boardSchema = z
  .object({
    name: z.string().regex(boardNamePattern, 'lower-case letters, digits and dashes, 1–40, starting and ending with a letter or digit'),
    title: z.string().trim().max(boardLimits.titleLength),
    queues: z.array(queueName).max(boardLimits.queues).refine((names) => new Set(names).size === names.length, 'each queue once'),
    tiles: z.array(z.enum(boardTileKinds)).min(1).max(boardTileKinds.length).refine((kinds) => new Set(kinds).size === kinds.length, 'each tile once'),
    chart: z.enum(boardCharts),
    topAgents: z.boolean(),
    rotateSeconds: z.number().int().min(boardLimits.minRotateSeconds).max(boardLimits.maxRotateSeconds),
    thresholds: thresholdsByQueueSchema
      .refine((map) => Object.keys(map).length <= boardLimits.thresholdScopes, `at most ${boardLimits.thresholdScopes} scopes`)
      .optional(),
  })
  .strict() satisfies z.ZodType<Board>;

export type BoardProblem =
  | { code: 'shape'; path: string; message: string }
  | { code: 'thresholds'; problem: ThresholdProblem };

/** Everything wrong with a board: its shape, then its own thresholds by Settings' own rules. The editor and the core share it. */
export function boardProblems(candidate: unknown): BoardProblem[] {
  const parsed = boardSchema.safeParse(candidate);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ code: 'shape', path: issue.path.join('.'), message: issue.message }));
  return thresholdProblems(parsed.data.thresholds ?? {}).map((problem) => ({ code: 'thresholds', problem }));
}

/** The queues a board shows in turn, among those the PBX has, and the named ones it does not have. */
export function boardPlaylist(wanted: readonly string[], known: readonly string[]): { playlist: string[]; unknown: string[] } {
  if (wanted.length === 0) return { playlist: [allQueuesKey, ...known], unknown: [] };
  const names = [...new Set(wanted.map((name) => name.trim()).filter(Boolean))];
  const isKnown = (name: string) => name === allQueuesKey || known.includes(name);
  return { playlist: names.filter(isKnown), unknown: names.filter((name) => !isKnown(name)) };
}

/** A name not yet taken, for a copy: `front-desk-2`, `front-desk-3`… */
export function freeBoardName(base: string, taken: readonly string[]): string {
  const stem = base.replace(/-\d+$/, '').slice(0, 36).replace(/-+$/, '') || 'board';
  for (let n = 2; ; n++) {
    const name = `${stem}-${n}`;
    if (!taken.includes(name)) return name;
  }
}

/**
 * The tiles in rows as the wallboard lays them out: up to 6 large ones on the first row,
 * the rest smaller below (the default board is today's 6 + 7).
 */
export function boardTileRows(tiles: readonly BoardTileKind[]): { primary: BoardTileKind[]; secondary: BoardTileKind[] } {
  return { primary: tiles.slice(0, 6), secondary: tiles.slice(6) };
}
