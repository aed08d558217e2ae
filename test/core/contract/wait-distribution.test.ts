import { describe, expect, it } from 'vitest';
import {
  addTally, combineWaitDistributions, defaultStatsRules, distributionBands, emptyTally, figuresOf, quarterFiguresOf, waitBandsOf,
  waitDistributionOf, waitEdges, type QueueAttempt, type QueueOutcome, type StatsRules,
} from '../../../electron/core/contract';
import { tallyOfAttempt } from '../../../electron/core/stats/attempt-measures';

// The answer-time and abandon-time distributions (contract/figures.ts), worked out by hand.

function pass(outcome: QueueOutcome, waitSeconds: number): QueueAttempt {
  return {
    callId: `${outcome}-${waitSeconds}`, seq: 0, queue: '630', enteredAt: 0, callerNum: '1', outcome, waitSeconds,
    holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami', ...(outcome === 'answered' ? { talkSeconds: 30 } : {}),
  };
}

function tallyOf(passes: [QueueOutcome, number][]) {
  const tally = emptyTally();
  for (const [outcome, wait] of passes) addTally(tally, tallyOfAttempt(pass(outcome, wait)));
  return tally;
}

describe('wait distributions', () => {
  it('has bands that are histogram edges, in order', () => {
    expect(distributionBands).toEqual([10, 20, 30, 60, 120]);
    for (const band of distributionBands) expect(waitEdges).toContain(band);
  });

  // A wait of exactly the edge is within it, as the service level counts "answered within T".
  it.each([
    [0, [1, 1, 1, 1, 1]],
    [10, [1, 1, 1, 1, 1]],
    [11, [0, 1, 1, 1, 1]],
    [20, [0, 1, 1, 1, 1]],
    [21, [0, 0, 1, 1, 1]],
    [30, [0, 0, 1, 1, 1]],
    [60, [0, 0, 0, 1, 1]],
    [120, [0, 0, 0, 0, 1]],
    [121, [0, 0, 0, 0, 0]],
  ])('an answer after %i s counts within %j', (wait, within) => {
    const distribution = waitDistributionOf(tallyOf([['answered', wait]]), defaultStatsRules);
    expect(distribution.answeredWithin).toEqual(within);
    expect(distribution.answered).toBe(1);
  });

  it('"within 20 s" is the service level\'s "answered within T" at T = 20 s', () => {
    const tally = tallyOf([['answered', 3], ['answered', 20], ['answered', 21], ['connected', 15], ['abandoned', 20], ['exitwithtimeout', 5]]);
    const figures = figuresOf(tally, { ...defaultStatsRules, slSeconds: 20, slFormula: 'answered' });
    const distribution = waitDistributionOf(tally, defaultStatsRules);
    expect(distribution.answeredWithin[distributionBands.indexOf(20)]).toBe(figures.answeredWithinSl);
    expect(distribution.answered).toBe(figures.answered);
    expect(distribution.abandoned).toBe(figures.abandoned);
    // Exits are neither answers nor abandons.
    expect(distribution).toMatchObject({ answered: 4, abandoned: 1, abandonedWithin: [0, 1, 1, 1, 1] });
  });

  it('leaves short abandons out of every band, as the abandoned figure does', () => {
    const tally = tallyOf([['abandoned', 2], ['abandoned', 5], ['abandoned', 8], ['abandoned', 25], ['abandoned', 200]]);
    const rules: StatsRules = { ...defaultStatsRules, shortAbandonSeconds: 5 };
    const distribution = waitDistributionOf(tally, rules);
    expect(distribution.abandoned).toBe(figuresOf(tally, rules).abandoned);
    expect(distribution).toMatchObject({ abandoned: 3, abandonedWithin: [1, 1, 2, 2, 2] });
    // A short-abandon edge above the first band: that band holds only short abandons, so none.
    expect(waitDistributionOf(tally, { ...defaultStatsRules, shortAbandonSeconds: 15 })).toMatchObject({ abandoned: 2, abandonedWithin: [0, 0, 1, 1, 1] });
  });

  it('turns into bands with counts per band, the rest beyond the last, and shares of the whole', () => {
    const distribution = waitDistributionOf(tallyOf([['answered', 5], ['answered', 15], ['answered', 15], ['answered', 500], ['abandoned', 45]]), defaultStatsRules);
    const bands = waitBandsOf(distribution);
    expect(bands.map((band) => band.upTo)).toEqual([10, 20, 30, 60, 120, null]);
    expect(bands.map((band) => band.answered)).toEqual([1, 2, 0, 0, 0, 1]);
    expect(bands.map((band) => band.answeredWithin)).toEqual([1, 3, 3, 3, 3, 4]);
    expect(bands.map((band) => band.answeredShare)).toEqual([0.25, 0.75, 0.75, 0.75, 0.75, 1]);
    expect(bands.map((band) => band.abandoned)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(bands.reduce((sum, band) => sum + band.answered, 0)).toBe(distribution.answered);
    expect(waitBandsOf(waitDistributionOf(emptyTally(), defaultStatsRules))[0]).toMatchObject({ answered: 0, answeredShare: null, abandonedShare: null });
  });

  it('combines queues band by band', () => {
    const a = waitDistributionOf(tallyOf([['answered', 5], ['abandoned', 40]]), defaultStatsRules);
    const b = waitDistributionOf(tallyOf([['answered', 25], ['abandoned', 2]]), { ...defaultStatsRules, shortAbandonSeconds: 5 });
    expect(combineWaitDistributions([a, b])).toEqual({
      answered: 2, abandoned: 1, answeredWithin: [1, 1, 2, 2, 2], abandonedWithin: [0, 0, 0, 1, 1],
    });
  });

  it('keeps of a quarter hour the figures its chart shows', () => {
    const figures = figuresOf(tallyOf([['answered', 5], ['answered', 40], ['abandoned', 10]]), defaultStatsRules);
    expect(quarterFiguresOf(900_000, figures)).toEqual({ at: 900_000, offered: 3, answered: 2, abandoned: 1, answeredWithinSl: 1, slBase: 3, serviceLevel: 1 / 3 });
  });
});
