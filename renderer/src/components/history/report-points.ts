import { missCauseKeys, type MissCauseKey, type ReportReply, type ReportRow } from '@contract';

/** One category on a report chart's x axis: a time bucket, or a queue/agent over the whole range. Service level in percent. */
export type ReportPoint = Omit<ReportRow, 'bucketStart' | 'bucketLabel' | 'key' | 'scoredCalls'> & { label: string };

const emptyCauses = (): Record<MissCauseKey, number> => Object.fromEntries(missCauseKeys.map((key) => [key, 0])) as Record<MissCauseKey, number>;

/** Adds rows up; averages are weighted by what they average over (answered calls, scored calls). */
function merge(label: string, rows: ReportRow[]): ReportPoint {
  const sum = (pick: (row: ReportRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const weighted = (value: (row: ReportRow) => number | null, weight: (row: ReportRow) => number) => {
    const totalWeight = sum((row) => (value(row) === null ? 0 : weight(row)));
    return totalWeight === 0 ? null : sum((row) => (value(row) ?? 0) * weight(row)) / totalWeight;
  };
  const missCauses = emptyCauses();
  for (const row of rows) for (const key of missCauseKeys) missCauses[key] += row.missCauses[key] ?? 0;
  const offered = sum((row) => row.offered);
  const answeredWithinSl = sum((row) => row.answeredWithinSl);
  return {
    label,
    offered,
    answered: sum((row) => row.answered),
    abandoned: sum((row) => row.abandoned),
    missCauses,
    answeredWithinSl,
    serviceLevel: offered === 0 ? null : (answeredWithinSl / offered) * 100,
    asaSeconds: weighted((row) => row.asaSeconds, (row) => row.answered),
    ahtSeconds: weighted((row) => row.ahtSeconds, (row) => row.answered),
    talkSeconds: sum((row) => row.talkSeconds),
    holdSeconds: sum((row) => row.holdSeconds),
    wrapupSeconds: sum((row) => row.wrapupSeconds),
    avgScore: weighted((row) => row.avgScore, (row) => row.scoredCalls),
  };
}

/**
 * Chart categories: per time bucket for the total, per queue/agent over the range
 * otherwise (the table under the chart keeps every bucket × key row). The busiest
 * `limit` queues/agents are kept so the bars stay readable.
 */
export function reportPoints(reply: ReportReply, limit = 30): ReportPoint[] {
  const isTotal = reply.rows.every((row) => row.key === '');
  const groups = new Map<string, ReportRow[]>();
  for (const row of reply.rows) {
    const label = isTotal ? row.bucketLabel : row.key;
    groups.set(label, [...(groups.get(label) ?? []), row]);
  }
  const points = [...groups].map(([label, rows]) => merge(label, rows));
  if (isTotal) return points;
  return points.sort((a, b) => b.offered - a.offered || a.label.localeCompare(b.label)).slice(0, limit);
}
