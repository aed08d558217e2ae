import { ratioOf, waitEdgeIndex, type QueueFigures, type QueueTally, type StatsRules, type WaitEdge } from './figures';

// How long callers waited, as distributions (answered / abandoned within 10, 20, 30,
// 60, 120 s and beyond) and as the service level through the day in quarter hours.
// Both are read from the tallies of figures.ts, under the same StatsRules.

/**
 * Upper edges (seconds of queue wait, inclusive) of the answer-time and abandon-time
 * distributions. Each is one of `waitEdges`, so the rollups' histograms give them exactly;
 * "within 20 s" means a wait of at most 20 s, as the service level counts it.
 */
export const distributionBands = [10, 20, 30, 60, 120] as const satisfies readonly WaitEdge[];

/**
 * How long callers waited before an agent answered, and before they gave up. `answered`
 * and `abandoned` equal the figures' (short abandons left out under the queue's rules);
 * `[i]` of a `…Within` list counts those with a wait ≤ distributionBands[i].
 */
export interface WaitDistribution {
  answered: number;
  abandoned: number;
  answeredWithin: number[];
  abandonedWithin: number[];
}

/** The distribution of a tally under `rules`: short abandons (all within their own edge) are taken out of every band that holds them. */
export function waitDistributionOf(tally: QueueTally, rules: StatsRules): WaitDistribution {
  const short = rules.shortAbandonSeconds > 0 ? (tally.abandonedWithin[waitEdgeIndex(rules.shortAbandonSeconds)] ?? 0) : 0;
  return {
    answered: tally.answered,
    abandoned: tally.abandoned - short,
    answeredWithin: distributionBands.map((band) => tally.answeredWithin[waitEdgeIndex(band)] ?? 0),
    abandonedWithin: distributionBands.map((band) => (band < rules.shortAbandonSeconds ? 0 : (tally.abandonedWithin[waitEdgeIndex(band)] ?? 0) - short)),
  };
}

export function emptyWaitDistribution(): WaitDistribution {
  return { answered: 0, abandoned: 0, answeredWithin: distributionBands.map(() => 0), abandonedWithin: distributionBands.map(() => 0) };
}

/** Distributions of several queues together: counts add band by band. */
export function combineWaitDistributions(parts: readonly WaitDistribution[]): WaitDistribution {
  const sum = emptyWaitDistribution();
  for (const part of parts) {
    sum.answered += part.answered;
    sum.abandoned += part.abandoned;
    part.answeredWithin.forEach((count, index) => (sum.answeredWithin[index] = sum.answeredWithin[index]! + count));
    part.abandonedWithin.forEach((count, index) => (sum.abandonedWithin[index] = sum.abandonedWithin[index]! + count));
  }
  return sum;
}

/** One band of a distribution as a table shows it: `upTo` null is "beyond the last band". */
export interface WaitBand {
  /** The band's upper edge, seconds; null for the calls beyond the last band. */
  upTo: number | null;
  /** Calls whose wait fell in this band: (previous edge, upTo]. */
  answered: number;
  abandoned: number;
  /** Calls with a wait ≤ upTo (every call for the last row), and their share of all answered / abandoned; null when there were none. */
  answeredWithin: number;
  abandonedWithin: number;
  answeredShare: number | null;
  abandonedShare: number | null;
}

export function waitBandsOf(distribution: WaitDistribution): WaitBand[] {
  const rows: WaitBand[] = [];
  const edges = [...distributionBands, null];
  edges.forEach((upTo, index) => {
    const answeredWithin = upTo === null ? distribution.answered : distribution.answeredWithin[index]!;
    const abandonedWithin = upTo === null ? distribution.abandoned : distribution.abandonedWithin[index]!;
    const before = index === 0 ? { answered: 0, abandoned: 0 } : { answered: rows[index - 1]!.answeredWithin, abandoned: rows[index - 1]!.abandonedWithin };
    rows.push({
      upTo, answered: answeredWithin - before.answered, abandoned: abandonedWithin - before.abandoned, answeredWithin, abandonedWithin,
      answeredShare: ratioOf(answeredWithin, distribution.answered), abandonedShare: ratioOf(abandonedWithin, distribution.abandoned),
    });
  });
  return rows;
}

/** The service level through the day is read in quarter hours (local quarters: every zone's offset is a whole number of them). */
export const QUARTER_MS = 15 * 60_000;

/** The passes that entered a queue (or several) in one quarter hour, and their service level under each queue's rules. */
export interface QuarterFigures {
  /** UTC ms of the quarter's start. */
  at: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinSl: number;
  slBase: number;
  serviceLevel: number | null;
}

export function quarterFiguresOf(at: number, figures: QueueFigures): QuarterFigures {
  const { offered, answered, abandoned, answeredWithinSl, slBase, serviceLevel } = figures;
  return { at, offered, answered, abandoned, answeredWithinSl, slBase, serviceLevel };
}
